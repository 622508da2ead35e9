/**
 * One signing step of a draft with a token: the leader's with a person's certificate, the
 * agency's with the organisation's (which first takes a number from the chosen register).
 */
import type { MessageKey } from '../../../shared/i18n/messages.js';
import { useI18n } from '../../i18n.js';
import { useDocumentMutation } from '../documents/use-document-mutation.js';
import { useRegisterChoice } from '../registers/register-choice.js';
import { TokenPinForm } from './TokenPinForm.js';

export interface TokenSignFormProps {
  documentId: number;
  method: 'documents.signAsLeader' | 'documents.numberAndSignAsAgency';
  heading: MessageKey & ('signing.leader.heading' | 'signing.agency.heading');
  button: MessageKey & ('signing.leader.button' | 'signing.agency.button');
  status: string;
  /** The draft's "Người ký": the leader's certificate should be this person's. */
  signerName?: string;
  /** The document has its number already (a failed agency signature is being retried). */
  numbered?: boolean;
}

export function TokenSignForm({ documentId, method, heading, button, status, signerName = '', numbered = false }: TokenSignFormProps) {
  const { t } = useI18n();
  const sign = useDocumentMutation(method, { inline: true });
  const leader = method === 'documents.signAsLeader';
  /** Only the first agency signature takes a number; a retry after a failed signature keeps it. */
  const choosesRegister = !leader && !numbered;
  const registerChoice = useRegisterChoice('out', choosesRegister);
  return (
    <TokenPinForm
      heading={t(heading)}
      headingId={`${method}-heading`}
      status={status}
      button={t(button)}
      kind={leader ? 'person' : 'organization'}
      signerName={leader ? signerName : ''}
      pending={sign.isPending}
      error={sign.error}
      onSign={(choice) => sign.mutate({ id: documentId, ...choice, ...(choosesRegister && registerChoice.register !== undefined ? { register: registerChoice.register } : {}) })}
    >
      {choosesRegister ? registerChoice.control : null}
    </TokenPinForm>
  );
}
