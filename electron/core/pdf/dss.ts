/**
 * The Document Security Store (ISO 32000-2 §12.8.4.3, ETSI EN 319 142-1 PAdES B-LT): the catalog's
 * /DSS holds the certificates (/Certs), OCSP responses (/OCSPs) and CRLs (/CRLs) a verifier needs
 * to judge the document's signatures long after, each a stream of its DER; /VRI maps each
 * signature (by the SHA-1 of its /Contents) to the entries that validate it. Read by the
 * verifier; written by the archival form as one incremental update that keeps what an earlier
 * DSS held (docs/formats.md#archival-form).
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { FormUpdate } from './acro-form.js';
import type { UpdateObject } from './incremental-writer.js';
import { asDict, dict, name, PdfDict, PdfRef, PdfStream, type PdfValue } from './objects.js';
import type { PdfReader } from './pdf-reader.js';

export interface ValidationData {
  certificates: Uint8Array[];
  ocsps: Uint8Array[];
  crls: Uint8Array[];
}

/** What validates one signature: its VRI entry. */
export interface SignatureValidationData extends ValidationData {
  /** The signature's /Contents as stored (the DER CMS and its zero padding). */
  contents: Uint8Array;
}

export interface Dss extends ValidationData {
  /** The VRI keys present (upper-case hex SHA-1). */
  vri: string[];
}

const ARRAYS = { certificates: 'Certs', ocsps: 'OCSPs', crls: 'CRLs' } as const;
const VRI_ARRAYS = { certificates: 'Cert', ocsps: 'OCSP', crls: 'CRL' } as const;
type Kind = keyof typeof ARRAYS;
const KINDS = Object.keys(ARRAYS) as Kind[];

/**
 * The VRI key of a signature: the upper-case hex SHA-1 of its /Contents. Implementations differ on
 * the zero padding; VanThu writes the key of the string as stored (as pyHanko does) and a reader
 * should accept the key of the DER alone too.
 */
export function vriKey(contents: Uint8Array): string {
  return createHash('sha1').update(contents).digest('hex').toUpperCase();
}

/** The file's DSS; empty when it has none. Entries that cannot be read are left out. */
export async function readDss(reader: PdfReader): Promise<Dss> {
  const found: Dss = { certificates: [], ocsps: [], crls: [], vri: [] };
  const catalog = await reader.resolveDict(reader.trailer.get('Root'), 'catalog');
  const dss = await reader.resolve(catalog.get('DSS'));
  if (!(dss instanceof PdfDict)) return found;
  for (const kind of KINDS) {
    const entries = await reader.resolve(dss.get(ARRAYS[kind]));
    for (const entry of Array.isArray(entries) ? entries : []) {
      const stream = await reader.resolve(entry);
      if (!(stream instanceof PdfStream)) continue;
      try {
        found[kind].push(new Uint8Array(await reader.readStreamData(stream)));
      } catch {
        // A damaged entry validates nothing; the others still do.
      }
    }
  }
  const vri = await reader.resolve(dss.get('VRI'));
  if (vri instanceof PdfDict) found.vri = [...vri.entries.keys()];
  return found;
}

/**
 * The objects of one incremental update that adds `signatures`' validation data to the DSS
 * (created, or extended with what it lacks), with a VRI entry per signature.
 */
export async function dssUpdate(reader: PdfReader, signatures: readonly SignatureValidationData[]): Promise<UpdateObject[]> {
  const update = new FormUpdate(reader);
  const catalogRef = await update.catalogRef();
  const catalog = asDict(await reader.getObject(catalogRef.num), 'catalog');
  const existing = await reader.resolve(catalog.get('DSS'));
  const dss = existing instanceof PdfDict ? existing.clone() : dict({});

  // Each DER once, by its SHA-256: what the DSS already holds is referred to, not written again.
  const refs = new Map<string, PdfRef>();
  const arrays: Record<Kind, PdfValue[]> = { certificates: [], ocsps: [], crls: [] };
  for (const kind of KINDS) {
    const entries = await reader.resolve(dss.get(ARRAYS[kind]));
    for (const entry of Array.isArray(entries) ? entries : []) {
      arrays[kind].push(entry);
      const stream = entry instanceof PdfRef ? await reader.resolve(entry) : null;
      if (stream instanceof PdfStream) refs.set(keyOf(await reader.readStreamData(stream).catch(() => Buffer.alloc(0))), entry as PdfRef);
    }
  }
  const refOf = (kind: Kind, der: Uint8Array): PdfRef => {
    const key = keyOf(der);
    let ref = refs.get(key);
    if (!ref) {
      ref = update.add(dict({ Filter: name('FlateDecode') }), deflateSync(der));
      refs.set(key, ref);
      arrays[kind].push(ref);
    }
    return ref;
  };

  const existingVri = await reader.resolve(dss.get('VRI'));
  const vri = existingVri instanceof PdfDict ? existingVri.clone() : dict({});
  for (const signature of signatures) {
    const entry = dict({});
    for (const kind of KINDS) {
      const list = unique(signature[kind]).map((der) => refOf(kind, der));
      if (list.length > 0) entry.set(VRI_ARRAYS[kind], list);
    }
    vri.set(vriKey(signature.contents), entry);
  }
  for (const kind of KINDS) if (arrays[kind].length > 0) dss.set(ARRAYS[kind], arrays[kind]);
  dss.set('VRI', update.add(vri));
  const dssRef = update.add(dss);
  update.objects.push({ ref: catalogRef, value: catalog.clone().set('DSS', dssRef).set('Extensions', await withEsic(reader, catalog)) });
  return update.objects;
}

/**
 * The catalog's /Extensions with ETSI's ESIC entry (EN 319 142-1: a PDF 1.7 file with a DSS
 * declares extension level 5), keeping any other developer extensions.
 */
async function withEsic(reader: PdfReader, catalog: PdfDict): Promise<PdfDict> {
  const existing = await reader.resolve(catalog.get('Extensions'));
  const extensions = existing instanceof PdfDict ? existing.clone() : dict({});
  return extensions.set('ESIC', dict({ BaseVersion: name('1.7'), ExtensionLevel: 5 }));
}

function keyOf(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('base64');
}

function unique(ders: readonly Uint8Array[]): Uint8Array[] {
  const seen = new Set<string>();
  return ders.filter((der) => {
    const key = keyOf(der);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
