/**
 * An audit row in plain words, the same on the admin's screen and in the exported file: who (the
 * person's name, or what `cli`, `sync` and `anonymous` stand for), from which computer, what, and
 * about which document. No zod here: the renderer loads it.
 */
import { auditActionText, t, type Lang } from '../i18n/messages.js';
import type { AuditDesk, AuditRow } from './audit-log.js';

const SYSTEM_ACTORS = { cli: 'audit.actor.cli', sync: 'audit.actor.sync', anonymous: 'audit.actor.anonymous' } as const;

export function auditActorText(row: Pick<AuditRow, 'actor' | 'actorName'>, lang: Lang): string {
  if (row.actorName) return row.actorName === row.actor ? row.actor : `${row.actorName} (${row.actor})`;
  return row.actor in SYSTEM_ACTORS ? t(SYSTEM_ACTORS[row.actor as keyof typeof SYSTEM_ACTORS], lang) : row.actor;
}

/** The computer's name when the desk said it, its address either way; empty for rows from no desk. */
export function auditDeskText(desk: AuditDesk | null, lang: Lang): string {
  if (!desk) return '';
  const address = t('audit.desk.address', lang, { address: desk.address });
  return desk.name ? `${desk.name}, ${address}` : address;
}

export function auditDocumentText(document: AuditRow['document'], lang: Lang): string {
  if (!document) return '';
  return document.subject === null ? t('audit.document.gone', lang, { id: document.id }) : `${t('audit.document', lang, { id: document.id })}: ${document.subject}`;
}

export function auditRowWords(row: AuditRow, lang: Lang): { actor: string; desk: string; action: string; document: string } {
  return { actor: auditActorText(row, lang), desk: auditDeskText(row.desk, lang), action: auditActionText(row.action, lang), document: auditDocumentText(row.document, lang) };
}
