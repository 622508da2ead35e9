/**
 * Whether a signing certificate belongs to a person (a leader's, for the approval signature) or to
 * an organisation (the agency's, for its seal), told from its subject as Vietnamese CAs fill it.
 * The markers are documented in docs/it-admin.md ("Personal and organisation certificates"); a
 * certificate they cannot tell, or tell wrongly, is set by hand in Settings (the override wins).
 */
import { foldName } from './verification.js';

export type CertificateKind = 'person' | 'organization';

/** Subject attributes as [short name, value] (CN, O, OU, title, givenName, surname, serialNumber, UID…). */
export type SubjectAttributes = readonly (readonly [name: string, value: string])[];

export interface CertificateKindRule {
  /** serialNumber/UID prefixes of a person's identity document: CMND, CCCD, passport. */
  personIdPrefixes: readonly string[];
  /** serialNumber/UID prefixes of an organisation: tax code, budget relation code. */
  organizationIdPrefixes: readonly string[];
  /** OU values (folded) some CAs give organisation certificates. */
  organizationUnits: readonly string[];
}

export const DEFAULT_CERTIFICATE_KIND_RULE: CertificateKindRule = {
  personIdPrefixes: ['CMND:', 'CCCD:', 'CMT:', 'HC:', 'PASSPORT:'],
  organizationIdPrefixes: ['MST:', 'MNS:', 'MQHNS:', 'MDV:'],
  organizationUnits: [],
};

export interface CertificateKindVerdict {
  /** null: the subject says neither (or both); the certificate must be set by hand in Settings. */
  kind: CertificateKind | null;
  /** The marker that decided, for the technical details ("O=CN", "serialNumber=CCCD:…", "givenName"…). */
  marker: string | null;
}

const values = (subject: SubjectAttributes, name: string) => subject.filter(([key]) => key === name).map(([, value]) => value.trim());
const startsWithAny = (value: string, prefixes: readonly string[]) => prefixes.find((prefix) => value.toUpperCase().startsWith(prefix.toUpperCase())) ?? null;

function markers(subject: SubjectAttributes, rule: CertificateKindRule): { person: string[]; organization: string[] } {
  const person: string[] = [];
  const organization: string[] = [];
  for (const name of ['serialNumber', 'UID']) {
    for (const value of values(subject, name)) {
      if (startsWithAny(value, rule.personIdPrefixes)) person.push(`${name}=${value}`);
      if (startsWithAny(value, rule.organizationIdPrefixes)) organization.push(`${name}=${value}`);
    }
  }
  for (const name of ['givenName', 'surname']) if (values(subject, name).some(Boolean)) person.push(name);
  const [commonName] = values(subject, 'CN');
  const [org] = values(subject, 'O');
  // An organisation's certificate names the organisation as its holder too.
  if (commonName && org && foldName(commonName) === foldName(org)) organization.push('O=CN');
  const units = new Set(rule.organizationUnits.map(foldName));
  for (const unit of values(subject, 'OU')) if (units.has(foldName(unit))) organization.push(`OU=${unit}`);
  return { person, organization };
}

/** The kind the subject shows; the person's title alone (chức vụ) counts only when nothing else does. */
export function certificateKind(subject: SubjectAttributes, rule: CertificateKindRule = DEFAULT_CERTIFICATE_KIND_RULE): CertificateKindVerdict {
  const found = markers(subject, rule);
  if (found.person.length > 0 && found.organization.length > 0) return { kind: null, marker: [...found.person, ...found.organization].join(', ') };
  if (found.person.length > 0) return { kind: 'person', marker: found.person[0]! };
  if (found.organization.length > 0) return { kind: 'organization', marker: found.organization[0]! };
  if (values(subject, 'title').some(Boolean)) return { kind: 'person', marker: 'title' };
  return { kind: null, marker: null };
}

/** Names compared as a clerk reads them (case, tone marks, spacing aside): does the holder sign as the draft's "Người ký"? */
export function sameSigner(holderName: string, draftSigner: string): boolean {
  return foldName(holderName) === foldName(draftSigner);
}
