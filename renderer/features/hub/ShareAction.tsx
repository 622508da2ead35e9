/**
 * "Giao cho…" on a document's page at a desk in agency mode: the clerk, a leader or a unit leader
 * gives the document to units and people of the agency (they see it from then on), queued as
 * `document.share`. Who already has it is the replica document's `sharedWith`; while a share waits
 * for the server its notice takes the form's place. docs/architecture.md, "The desk in agency mode".
 */
import { useState } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { HubDeskUser, HubDirectory } from '../../../shared/api/hub-link.js';
import type { HubDocument } from '../../../shared/hub/documents.js';
import { useI18n } from '../../i18n.js';
import { commandOn, isPending, mayShare, useHubCommands, useQueueCommand } from './agency-desk.js';
import { HolderChecks } from './AssignForm.js';
import { CommandNotice } from './CommandNotice.js';
import { chosenHolders, holderName, useDirectory, type HolderKey } from './work-desk.js';

export function ShareAction({ detail, user }: { detail: DocumentDetail; user: HubDeskUser }) {
  return mayShare(user) ? <ShareControl detail={detail} /> : null;
}

function ShareControl({ detail }: { detail: DocumentDetail }) {
  const { t } = useI18n();
  const directory = useDirectory();
  const commands = useHubCommands();
  // A copy the feed brought before the hub carried it has none: given to nobody, as far as this desk knows.
  const sharedWith = (detail as Partial<HubDocument>).sharedWith ?? { units: [], users: [] };
  const given = [
    ...sharedWith.units.map((unitId) => holderName(directory.data, { unitId, userId: null })),
    ...sharedWith.users.map((userId) => holderName(directory.data, { unitId: null, userId })),
  ];
  const latest = commandOn(commands.data, detail.id, ['document.share']);
  return (
    <div className="work-share">
      <p>{given.length > 0 ? t('share.given', { names: given.join(', ') }) : t('share.none')}</p>
      {latest ? <CommandNotice item={latest} /> : null}
      {directory.data && commands.data && !(latest && isPending(latest)) ? (
        <details>
          <summary>{t('share.open')}</summary>
          <ShareForm documentId={detail.id} directory={directory.data} sharedWith={sharedWith} />
        </details>
      ) : null}
    </div>
  );
}

/** The units and people not given it yet, as checkboxes; at least one is needed. */
function ShareForm({ documentId, directory, sharedWith }: { documentId: number; directory: HubDirectory; sharedWith: HubDocument['sharedWith'] }) {
  const { t } = useI18n();
  const queue = useQueueCommand();
  const [chosen, setChosen] = useState<ReadonlySet<HolderKey>>(new Set());
  const [missing, setMissing] = useState(false);
  const offered: HubDirectory = {
    units: directory.units.filter((unit) => !sharedWith.units.includes(unit.id)),
    users: directory.users.filter((person) => !sharedWith.users.includes(person.id)),
  };
  return (
    <form
      className="work-form"
      aria-label={t('share.title')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setMissing(chosen.size === 0);
        if (chosen.size === 0) return;
        queue.mutate({ kind: 'document.share', payload: { documentId, ...chosenHolders(chosen) } });
      }}
    >
      <h3>{t('share.title')}</h3>
      <HolderChecks legend={t('share.choose')} directory={offered} chosen={chosen} onChange={setChosen} />
      {missing ? <p className="form-error">{t('share.needOne')}</p> : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={queue.isPending}>
          {t('share.submit')}
        </button>
      </div>
    </form>
  );
}
