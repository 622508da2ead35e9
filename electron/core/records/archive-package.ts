/**
 * The handover package (docs/formats.md#archive-package): one E-ARK CSIP based SIP_hoso per
 * dossier as Circular 05/2025/TT-BNV lays it out (METS.xml, metadata/descriptive/EAD.xml,
 * representations/rep1 with its METS.xml, one EAD_doc per document and the files), zipped
 * together with the signed list of what is handed over. Every file is named in a METS with its
 * SHA-256; the metadata is checked against archive-metadata.ts before a byte is written.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import yazl from 'yazl';
import { escapeAttribute, escapeText } from '../../../shared/edxml/xml-writer.js';
import { isoVietnamTime } from '../../../shared/text/vietnam-time.js';
import { DOCUMENT_FIELDS, DOSSIER_FIELDS, documentMetadata, dossierMetadata, metadataProblems, type DocumentMetadata, type DossierMetadata } from './archive-metadata.js';

export const CSIP_PROFILE = 'https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml';
const NAMESPACES = {
  'xmlns:mets': 'http://www.loc.gov/METS/',
  'xmlns:xlink': 'http://www.w3.org/1999/xlink',
  'xmlns:csip': 'https://DILCIS.eu/XML/METS/CSIPExtensionMETS',
};

export class ArchiveMetadataError extends Error {
  constructor(readonly where: string, readonly problems: string[]) {
    super(`${where}: ${problems.join('; ')}`);
    this.name = 'ArchiveMetadataError';
  }
}

export interface PackageFile {
  /** Where the bytes are now. */
  path: string;
  /** Its name in the package's data folder. */
  name: string;
  contentType: string;
  sha256: string;
  size: number;
}

export interface PackageDocument {
  metadata: DocumentMetadata;
  files: PackageFile[];
}

export interface PackageDossier {
  /** Its SIP's OBJID (newPackageId()): the folder it sits in, named in the signed list. */
  objId: string;
  metadata: DossierMetadata;
  documents: PackageDocument[];
  /** Extra files for the SIP's documentation folder (the signatures' verdicts). */
  documentation: { name: string; text: string }[];
}

export interface PackageInput {
  agency: { id: string; name: string };
  software: { name: string; version: string };
  createdAt: Date;
  dossiers: PackageDossier[];
  /** The signed list of what is handed over, at the top of the zip. */
  list: PackageFile;
}

type Attributes = Readonly<Record<string, string | number>>;

function tag(name: string, attributes: Attributes, children: string | readonly string[] | null): string {
  const attributeText = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join('');
  if (children === null) return `<${name}${attributeText}/>`;
  const body = typeof children === 'string' ? escapeText(children) : `\n${children.join('\n')}\n`;
  return `<${name}${attributeText}>${body}</${name}>`;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** A simpledc record: the fields in the circular's order, the optional ones only when set. */
function simpledc(fields: readonly string[], record: Readonly<Record<string, string | undefined>>): string {
  const children = fields.flatMap((field) => (record[field] === undefined ? [] : [`  ${tag(field, {}, record[field]!)}`]));
  return `${XML_DECLARATION}${tag('simpledc', {}, children)}\n`;
}

interface Entry {
  name: string;
  bytes?: Buffer;
  path?: string;
}

interface Described {
  href: string;
  sha256: string;
  size: number;
  contentType: string;
}

const uuid = () => `uuid-${randomUUID().toUpperCase()}`;
export const newPackageId = uuid;
const fileId = () => `ID-${randomUUID().toUpperCase()}`;

function describeBytes(href: string, bytes: Buffer, contentType: string): Described {
  return { href, sha256: createHash('sha256').update(bytes).digest('hex').toUpperCase(), size: bytes.length, contentType };
}

function fileElement(file: Described, created: string, extra: Attributes = {}): string {
  return tag('mets:file', { ID: fileId(), MIMETYPE: file.contentType, SIZE: file.size, CREATED: created, CHECKSUM: file.sha256, CHECKSUMTYPE: 'SHA-256', ...extra }, [
    tag('mets:FLocat', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': file.href }, null),
  ]);
}

function mdRef(file: Described, created: string, mdType: string): string {
  return tag('mets:mdRef', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': file.href, MDTYPE: mdType, MIMETYPE: file.contentType, SIZE: file.size, CREATED: created, CHECKSUM: file.sha256, CHECKSUMTYPE: 'SHA-256' }, null);
}

function metsHeader(input: PackageInput, created: string): string {
  return tag('mets:metsHdr', { CREATEDATE: created, RECORDSTATUS: 'NEW', 'csip:OAISPACKAGETYPE': 'SIP' }, [
    tag('mets:agent', { ROLE: 'CREATOR', TYPE: 'OTHER', OTHERTYPE: 'SOFTWARE' }, [tag('mets:name', {}, input.software.name), tag('mets:note', { 'csip:NOTETYPE': 'SOFTWARE VERSION' }, input.software.version)]),
    tag('mets:agent', { ROLE: 'CREATOR', TYPE: 'ORGANIZATION' }, [tag('mets:name', {}, input.agency.name), tag('mets:note', { 'csip:NOTETYPE': 'IDENTIFICATIONCODE' }, input.agency.id)]),
  ]);
}

function metsRoot(objId: string, label: string, input: PackageInput, created: string, body: string[]): string {
  return `${XML_DECLARATION}${tag('mets:mets', { ...NAMESPACES, OBJID: objId, LABEL: label, TYPE: 'Mixed', PROFILE: CSIP_PROFILE, 'csip:CONTENTINFORMATIONTYPE': 'MIXED' }, [metsHeader(input, created), ...body])}\n`;
}

/** The representation's METS: one dmdSec per document's EAD_doc, its files in the Data group, linked in the structMap. */
function representationMets(objId: string, input: PackageInput, created: string, documents: { ead: Described; dmdId: string; files: Described[] }[]): string {
  const dmdSecs = documents.map((document) => tag('mets:dmdSec', { ID: document.dmdId, CREATED: created }, [mdRef(document.ead, created, 'OTHER')]));
  const fileIds = documents.map((document) => document.files.map(() => fileId()));
  const fileSec = tag('mets:fileSec', { ID: fileId() }, [
    tag(
      'mets:fileGrp',
      { ID: fileId(), USE: 'Data' },
      documents.flatMap((document, i) => document.files.map((file, j) => fileElement(file, created, { DMDID: document.dmdId, ID: fileIds[i]![j]! }))),
    ),
  ]);
  const structMap = tag('mets:structMap', { ID: fileId(), TYPE: 'PHYSICAL', LABEL: 'CSIP' }, [
    tag('mets:div', { ID: fileId(), LABEL: objId }, [
      tag('mets:div', { ID: fileId(), LABEL: 'Data' }, documents.map((document, i) => tag('mets:div', { ID: fileId(), LABEL: 'MetadataLink/File', DMDID: document.dmdId }, fileIds[i]!.map((id) => tag('mets:fptr', { FILEID: id }, null))))),
    ]),
  ]);
  return metsRoot(objId, 'rep1', input, created, [...dmdSecs, fileSec, structMap]);
}

function rootMets(objId: string, label: string, input: PackageInput, created: string, ead: Described, representation: Described, documentation: Described[]): string {
  const dmdId = uuid();
  const fileSec = tag('mets:fileSec', { ID: fileId() }, [
    tag('mets:fileGrp', { ID: fileId(), USE: 'Representations/rep1' }, [fileElement(representation, created)]),
    ...(documentation.length > 0 ? [tag('mets:fileGrp', { ID: fileId(), USE: 'Documentation' }, documentation.map((file) => fileElement(file, created)))] : []),
  ]);
  const structMap = tag('mets:structMap', { ID: fileId(), TYPE: 'PHYSICAL', LABEL: 'CSIP' }, [
    tag('mets:div', { ID: fileId(), LABEL: objId }, [
      tag('mets:div', { ID: fileId(), LABEL: 'Metadata', DMDID: dmdId }, null),
      ...(documentation.length > 0 ? [tag('mets:div', { ID: fileId(), LABEL: 'Documentation' }, null)] : []),
      tag('mets:div', { ID: fileId(), LABEL: 'Representations/rep1' }, [tag('mets:mptr', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': representation.href }, null)]),
    ]),
  ]);
  return metsRoot(objId, label, input, created, [tag('mets:dmdSec', { ID: dmdId, CREATED: created }, [mdRef(ead, created, 'OTHER')]), fileSec, structMap]);
}

/** One dossier's SIP: its entries, under `<objId>/`. */
/** Throws ArchiveMetadataError naming the first record that breaks a rule, with every rule it breaks. */
export function checkPackageMetadata(dossiers: readonly Pick<PackageDossier, 'metadata' | 'documents'>[]): void {
  for (const dossier of dossiers) {
    const problems = metadataProblems(dossierMetadata, dossier.metadata);
    if (problems.length > 0) throw new ArchiveMetadataError(`dossier ${dossier.metadata.fileCode}`, problems);
    for (const document of dossier.documents) {
      const documentProblems = metadataProblems(documentMetadata, document.metadata);
      if (documentProblems.length > 0) throw new ArchiveMetadataError(`document ${document.metadata.docCode}`, documentProblems);
    }
  }
}

function dossierEntries(dossier: PackageDossier, input: PackageInput, created: string): Entry[] {
  const { objId } = dossier;
  const entries: Entry[] = [];
  const documents = dossier.documents.map((document) => {
    const eadBytes = Buffer.from(simpledc(DOCUMENT_FIELDS, document.metadata as Record<string, string | undefined>), 'utf8');
    const ead = describeBytes(`metadata/descriptive/EAD_doc_${document.metadata.docCode}.xml`, eadBytes, 'text/xml');
    entries.push({ name: `representations/rep1/${ead.href}`, bytes: eadBytes });
    const files = document.files.map((file) => {
      entries.push({ name: `representations/rep1/data/${file.name}`, path: file.path });
      return { href: `data/${file.name}`, sha256: file.sha256.toUpperCase(), size: file.size, contentType: file.contentType };
    });
    return { ead, dmdId: uuid(), files };
  });
  const representationBytes = Buffer.from(representationMets(objId, input, created, documents), 'utf8');
  entries.push({ name: 'representations/rep1/METS.xml', bytes: representationBytes });
  const eadBytes = Buffer.from(simpledc(DOSSIER_FIELDS, dossier.metadata as Record<string, string | undefined>), 'utf8');
  entries.push({ name: 'metadata/descriptive/EAD.xml', bytes: eadBytes });
  const documentation = dossier.documentation.map((file) => {
    const bytes = Buffer.from(file.text, 'utf8');
    entries.push({ name: `documentation/${file.name}`, bytes });
    return describeBytes(`documentation/${file.name}`, bytes, 'application/json');
  });
  const mets = rootMets(
    objId,
    dossier.metadata.title,
    input,
    created,
    describeBytes('metadata/descriptive/EAD.xml', eadBytes, 'text/xml'),
    describeBytes('representations/rep1/METS.xml', representationBytes, 'text/xml'),
    documentation,
  );
  entries.push({ name: 'METS.xml', bytes: Buffer.from(mets, 'utf8') });
  return entries.map((entry) => ({ ...entry, name: `${objId}/${entry.name}` }));
}

/** The name of the signed list at the top of the zip. */
export const HANDOVER_LIST_NAME = 'MUC_LUC_HO_SO_NOP_LUU.pdf';

/** Writes the zip to `zipPath`. */
export async function writeArchivePackage(zipPath: string, input: PackageInput): Promise<void> {
  const created = isoVietnamTime(input.createdAt);
  // Everything is built and its metadata checked before the zip is started.
  checkPackageMetadata(input.dossiers);
  const entries = input.dossiers.flatMap((dossier) => dossierEntries(dossier, input, created));
  const zip = new yazl.ZipFile();
  zip.addReadStream(createReadStream(input.list.path), HANDOVER_LIST_NAME, { mtime: input.createdAt });
  for (const entry of entries) {
    if (entry.bytes) zip.addBuffer(entry.bytes, entry.name, { mtime: input.createdAt });
    else zip.addReadStream(createReadStream(entry.path!), entry.name, { mtime: input.createdAt });
  }
  zip.end();
  await pipeline(zip.outputStream as Readable, createWriteStream(zipPath, { flags: 'wx', mode: 0o600 }));
}
