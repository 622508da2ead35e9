/**
 * Reads a handover package back and checks it against the archive rules, independently of the
 * code that wrote it: every METS reference resolves inside its SIP with the SHA-256 and size it
 * states, and every EAD / EAD_doc record passes the metadata schema of archive-metadata.ts
 * (docs/formats.md#archive-package). Returns every problem found, so a test can show one fails.
 */
import { createHash } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import yauzl from 'yauzl';
import { documentMetadata, dossierMetadata, metadataProblems } from '../electron/core/records/archive-metadata.js';
import { CSIP_PROFILE, HANDOVER_LIST_NAME } from '../electron/core/records/archive-package.js';

export interface CheckedDocument {
  metadata: Record<string, string>;
  files: string[];
}

export interface CheckedDossier {
  objId: string;
  metadata: Record<string, string>;
  documents: CheckedDocument[];
}

export interface PackageReport {
  entries: Map<string, Buffer>;
  dossiers: CheckedDossier[];
  problems: string[];
}

export async function unzip(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(bytes), { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.set(entry.fileName, Buffer.concat(chunks));
  }
  return entries;
}

const METS = 'http://www.loc.gov/METS/';
const XLINK = 'http://www.w3.org/1999/xlink';

function parse(xml: Buffer): Element {
  return new DOMParser().parseFromString(xml.toString('utf8'), 'text/xml').documentElement!;
}

/** A simpledc record: each child element's text by its name. */
function simpledc(xml: Buffer, problems: string[], where: string): Record<string, string> {
  const root = parse(xml);
  if (root.tagName !== 'simpledc') problems.push(`${where}: root element ${root.tagName}, not simpledc`);
  const record: Record<string, string> = {};
  for (const child of Array.from(root.childNodes)) {
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    if (element.tagName in record) problems.push(`${where}: ${element.tagName} twice`);
    record[element.tagName] = element.textContent ?? '';
  }
  return record;
}

/** Every mdRef / FLocat of a METS: resolves, and matches its checksum and size. */
function checkReferences(mets: Element, base: string, entries: Map<string, Buffer>, problems: string[]): string[] {
  const hrefs: string[] = [];
  const check = (holder: Element, href: string) => {
    const name = `${base}${href}`;
    hrefs.push(name);
    const bytes = entries.get(name);
    if (!bytes) return problems.push(`${name}: named in ${base}METS.xml but absent`);
    if (holder.getAttribute('CHECKSUMTYPE') !== 'SHA-256') problems.push(`${name}: CHECKSUMTYPE is not SHA-256`);
    if (createHash('sha256').update(bytes).digest('hex').toUpperCase() !== holder.getAttribute('CHECKSUM')) problems.push(`${name}: SHA-256 differs from METS`);
    if (String(bytes.length) !== holder.getAttribute('SIZE')) problems.push(`${name}: size differs from METS`);
  };
  for (const ref of Array.from(mets.getElementsByTagNameNS(METS, 'mdRef'))) check(ref, ref.getAttributeNS(XLINK, 'href') ?? '');
  for (const file of Array.from(mets.getElementsByTagNameNS(METS, 'file'))) {
    const location = file.getElementsByTagNameNS(METS, 'FLocat')[0];
    if (!location) problems.push(`${base}METS.xml: a file without FLocat`);
    else check(file, location.getAttributeNS(XLINK, 'href') ?? '');
  }
  return hrefs;
}

export async function checkArchivePackage(bytes: Uint8Array): Promise<PackageReport> {
  const entries = await unzip(bytes);
  const problems: string[] = [];
  if (!entries.has(HANDOVER_LIST_NAME)) problems.push(`${HANDOVER_LIST_NAME} is missing`);
  const dossiers: CheckedDossier[] = [];
  const roots = [...entries.keys()].filter((name) => /^uuid-[0-9A-F-]{36}\/METS\.xml$/.test(name));
  if (roots.length === 0) problems.push('no SIP (uuid-…/METS.xml) in the package');
  for (const rootName of roots) {
    const objId = rootName.split('/')[0]!;
    const base = `${objId}/`;
    const mets = parse(entries.get(rootName)!);
    if (mets.getAttribute('OBJID') !== objId) problems.push(`${rootName}: OBJID ${mets.getAttribute('OBJID')} is not its folder`);
    if (mets.getAttribute('PROFILE') !== CSIP_PROFILE) problems.push(`${rootName}: PROFILE is not E-ARK CSIP`);
    if (mets.getAttribute('TYPE') !== 'Mixed') problems.push(`${rootName}: TYPE is not Mixed (a dossier)`);
    const header = mets.getElementsByTagNameNS(METS, 'metsHdr')[0];
    if (header?.getAttribute('csip:OAISPACKAGETYPE') !== 'SIP') problems.push(`${rootName}: not a SIP`);
    checkReferences(mets, base, entries, problems);
    const eadName = `${base}metadata/descriptive/EAD.xml`;
    const dossierRecord = entries.has(eadName) ? simpledc(entries.get(eadName)!, problems, eadName) : {};
    problems.push(...metadataProblems(dossierMetadata, dossierRecord).map((problem) => `${eadName}: ${problem}`));
    const repBase = `${base}representations/rep1/`;
    const repName = `${repBase}METS.xml`;
    const documents: CheckedDocument[] = [];
    if (!entries.has(repName)) problems.push(`${repName} is missing`);
    else {
      const rep = parse(entries.get(repName)!);
      checkReferences(rep, repBase, entries, problems);
      for (const dmd of Array.from(rep.getElementsByTagNameNS(METS, 'dmdSec'))) {
        const href = dmd.getElementsByTagNameNS(METS, 'mdRef')[0]?.getAttributeNS(XLINK, 'href') ?? '';
        const name = `${repBase}${href}`;
        const record = entries.has(name) ? simpledc(entries.get(name)!, problems, name) : {};
        problems.push(...metadataProblems(documentMetadata, record).map((problem) => `${name}: ${problem}`));
        if (!record.docCode?.startsWith(`${dossierRecord.fileCode}.`)) problems.push(`${name}: docCode ${record.docCode} is not in dossier ${dossierRecord.fileCode}`);
        const files = Array.from(rep.getElementsByTagNameNS(METS, 'file'))
          .filter((file) => file.getAttribute('DMDID') === dmd.getAttribute('ID'))
          .map((file) => `${repBase}${file.getElementsByTagNameNS(METS, 'FLocat')[0]?.getAttributeNS(XLINK, 'href') ?? ''}`);
        if (files.length === 0) problems.push(`${name}: no file of the document`);
        documents.push({ metadata: record, files });
      }
    }
    if (dossierRecord.totalDoc !== String(documents.length)) problems.push(`${eadName}: totalDoc ${dossierRecord.totalDoc}, but ${documents.length} documents`);
    const pages = documents.reduce((sum, document) => sum + Number(document.metadata.numberOfPage ?? 0), 0);
    if (dossierRecord.numberOfPage !== String(pages)) problems.push(`${eadName}: numberOfPage ${dossierRecord.numberOfPage}, but its documents have ${pages}`);
    dossiers.push({ objId, metadata: dossierRecord, documents });
  }
  return { entries, dossiers, problems };
}
