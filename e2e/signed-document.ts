/**
 * A document A's clerk drafts, has signed by the leader and the agency on the test tokens, and
 * sends to `recipient` over the axis: the signed arrival several specs start from.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SAMPLE_PDF_BOXES } from '../test/decree30-pdf.js';
import { testCertificate, type Manifest } from '../test/tokens.js';
import { ROOT, type RunningApp } from './app-under-test.js';

export interface SignedDocument {
  subject: string;
  codeNotation: string;
  typeName: string;
  fileName: string;
}

/** Returns the slot of a test token by its label ('LEADER', 'AGENCY'). */
export async function sendSignedDocument(call: RunningApp['call'], manifest: Manifest, document: SignedDocument, recipient: string): Promise<(label: string) => string> {
  const draft = await call<{ id: number }>('drafts.create', { subject: document.subject, summary: '' });
  await call('drafts.update', { id: draft.id, fields: { codeNotation: document.codeNotation, typeName: document.typeName, signerFullName: 'Nguyễn Văn An', place: 'Nghệ An' } });
  await call('attachments.add', { documentId: draft.id, name: document.fileName, contentType: 'application/pdf', bytes: new Uint8Array(await readFile(path.join(ROOT, 'assets', 'sample.pdf'))) });
  const tokens = await call<{ slot: string; label: string }[]>('signing.listTokens', {});
  const slotOf = (label: string) => tokens.find((t) => t.label === label)!.slot;
  const [leader, agency] = [testCertificate(manifest, 'leader'), testCertificate(manifest, 'agency')];
  await call('documents.submitForSigning', { id: draft.id, placement: SAMPLE_PDF_BOXES });
  await call('documents.signAsLeader', { id: draft.id, slot: slotOf('LEADER'), certificateId: leader.id, pin: leader.token.userPin });
  await call('documents.numberAndSignAsAgency', { id: draft.id, slot: slotOf('AGENCY'), certificateId: agency.id, pin: agency.token.userPin });
  await call('documents.send', { id: draft.id, recipients: [recipient] });
  return slotOf;
}
