/**
 * What each incremental update changed, compared object by object with the revision before it,
 * and whether the change is one a later signer may make (ISO 32000-1 §12.8.2.2, DocMDP P=2):
 * a new signature field with its widget and value, the /Fields and /Annots arrays growing by it,
 * and form field values with their appearances (the number and date VanThu fills between the
 * two signatures). Anything else that alters what the signed revision shows is not allowed.
 * New objects are judged where they become visible: an unreferenced object changes nothing.
 */
import type { ChangeAfterSignature } from '../../../shared/api/verification.js';
import { fieldName } from '../signing/pdf/acro-form.js';
import { isName, PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from '../signing/pdf/objects.js';
import type { PdfReader } from '../signing/pdf/pdf-reader.js';
import type { Revision } from './revisions.js';

type Change = ChangeAfterSignature;

/** Every change of revisions 2…n, each tagged with the revision that made it. */
export async function findChanges(reader: PdfReader, revisions: readonly Revision[]): Promise<Change[]> {
  const changes: Change[] = [];
  for (let i = 1; i < revisions.length; i++) {
    changes.push(...(await new RevisionDiff(reader, revisions[i]!, revisions[i - 1]!).run()));
  }
  return changes;
}

const FIELD_VALUE_KEYS = new Set(['V', 'AP', 'AS']);
const ACRO_FORM_KEYS = new Set(['Fields', 'SigFlags', 'DR', 'DA', 'NeedAppearances']);
const CATALOG_KEYS = new Set(['AcroForm', 'DSS']);

class RevisionDiff {
  private readonly changes: Change[] = [];
  private readonly newAsOf: number;
  private readonly oldAsOf: number;
  private contentStreams: Set<number> | undefined;

  constructor(private readonly reader: PdfReader, private readonly revision: Revision, previous: Revision) {
    this.newAsOf = Math.min(...revision.sections);
    this.oldAsOf = Math.min(...previous.sections);
  }

  async run(): Promise<Change[]> {
    const written = new Set<number>();
    for (const index of this.revision.sections) {
      const section = this.reader.sections[index]!;
      for (const [num, entry] of section.entries) {
        // The xref stream's own entry is bookkeeping, not content.
        if (num !== 0 && !(entry.kind === 'offset' && entry.offset === section.offset)) written.add(num);
      }
    }
    for (const num of [...written].sort((a, b) => a - b)) await this.object(num);
    return this.changes;
  }

  private add(kind: Change['kind'], allowed: boolean, detail: string): void {
    this.changes.push({ revision: this.revision.number, kind, allowed, detail });
  }

  private async object(num: number): Promise<void> {
    const existed = this.reader.entryAsOf(num, this.oldAsOf);
    const was = existed && existed.kind !== 'free' ? await this.reader.getObject(num, this.oldAsOf) : undefined;
    if (this.reader.entryAsOf(num, this.newAsOf)?.kind === 'free') {
      if (was !== undefined) this.add('other', false, `object ${num} deleted`);
      return;
    }
    const now = await this.reader.getObject(num, this.newAsOf);
    if (now instanceof PdfStream && (isName(now.dict.get('Type'), 'ObjStm') || isName(now.dict.get('Type'), 'XRef'))) return;
    if (was === undefined) return this.created(num, now);
    if (await this.same(was, now)) return;
    if (was instanceof PdfStream || now instanceof PdfStream) {
      const onPage = (await this.pageContentStreams()).has(num);
      this.add(onPage ? 'page_content' : 'other', false, `${onPage ? 'page content stream' : 'stream'} ${num} rewritten`);
      return;
    }
    if (!(was instanceof PdfDict) || !(now instanceof PdfDict)) return this.add('other', false, `object ${num} changed`);
    await this.changedDict(num, was, now);
  }

  private created(num: number, value: PdfValue): void {
    if (!(value instanceof PdfDict)) return;
    if (isName(value.get('FT'), 'Sig') && value.get('V') !== undefined) this.add('signature', true, `new signature field "${fieldName(value) ?? '?'}" (object ${num})`);
    else if (isName(value.get('Type'), 'Page')) this.add('new_page', false, `new page (object ${num})`);
  }

  private async changedDict(num: number, was: PdfDict, now: PdfDict): Promise<void> {
    const keys = changedKeys(was, now);
    const type = was.get('Type');
    const list = (names: Iterable<string>) => [...names].map((key) => `/${key}`).join(', ');
    if (isName(type, 'Catalog')) {
      const other = keys.filter((key) => !CATALOG_KEYS.has(key));
      if (other.length > 0) this.add(other.includes('Pages') ? 'new_page' : 'other', false, `catalog: ${list(other)} changed`);
    } else if (isName(type, 'Pages')) {
      this.add('new_page', false, `page tree node ${num}: ${list(keys)} changed`);
    } else if (isName(type, 'Page')) {
      const other = keys.filter((key) => key !== 'Annots');
      if (other.length > 0) this.add('page_content', false, `page object ${num}: ${list(other)} changed`);
      if (keys.includes('Annots')) await this.annotations(num, was, now);
    } else if (was.get('Fields') !== undefined) {
      const other = keys.filter((key) => !ACRO_FORM_KEYS.has(key));
      if (other.length > 0) this.add('other', false, `AcroForm: ${list(other)} changed`);
      if (keys.includes('Fields')) await this.fields(was, now);
    } else if (was.get('FT') !== undefined || was.get('Parent') !== undefined || isName(was.get('Subtype'), 'Widget')) {
      this.fieldChanged(num, was, now, keys);
    } else if (isName(type, 'Annot')) {
      this.add('annotation', false, `annotation ${num}: ${list(keys)} changed`);
    } else if (isName(type, 'Sig')) {
      this.add('signature', false, `existing signature dictionary ${num} changed`);
    } else {
      this.add('other', false, `object ${num}${isName(type) ? ` (/${type.name})` : ''}: ${list(keys)} changed`);
    }
  }

  private fieldChanged(num: number, was: PdfDict, now: PdfDict, keys: string[]): void {
    const title = `"${fieldName(now) ?? '?'}" (object ${num})`;
    const other = keys.filter((key) => !FIELD_VALUE_KEYS.has(key));
    if (other.length > 0) {
      this.add('annotation', false, `form field ${title}: ${other.map((key) => `/${key}`).join(', ')} changed`);
      return;
    }
    if (isName(was.get('FT'), 'Sig')) {
      if (was.get('V') !== undefined && keys.includes('V')) this.add('signature', false, `signature field ${title}: its signature replaced`);
      else if (keys.includes('V')) this.add('signature', true, `signature field ${title} signed`);
      return;
    }
    this.add('form_fill', true, `form field ${title} filled`);
  }

  /** The annotations a page gained or lost: only signature widgets may be added. */
  private async annotations(num: number, was: PdfDict, now: PdfDict): Promise<void> {
    const before = refsOf(await this.resolve(was.get('Annots'), this.oldAsOf));
    const after = refsOf(await this.resolve(now.get('Annots'), this.newAsOf));
    for (const ref of before) if (!after.has(ref)) this.add('annotation', false, `page object ${num}: annotation ${ref} removed`);
    for (const ref of after) {
      if (before.has(ref)) continue;
      const annotation = await this.reader.getObject(ref, this.newAsOf);
      if (!(annotation instanceof PdfDict)) {
        this.add('annotation', false, `page object ${num}: annotation ${ref} added`);
      } else if (!(await this.isSignatureField(annotation))) {
        const subtype = annotation.get('Subtype');
        this.add('annotation', false, `page object ${num}: new ${isName(subtype) ? `/${subtype.name} ` : ''}annotation ${ref}${annotation.get('FT') ? ` (form field "${fieldName(annotation) ?? '?'}")` : ''}`);
      }
    }
  }

  private async fields(was: PdfDict, now: PdfDict): Promise<void> {
    const before = refsOf(await this.resolve(was.get('Fields'), this.oldAsOf));
    const after = refsOf(await this.resolve(now.get('Fields'), this.newAsOf));
    for (const ref of before) if (!after.has(ref)) this.add('other', false, `AcroForm: field ${ref} removed`);
    for (const ref of after) {
      if (before.has(ref)) continue;
      const field = await this.reader.getObject(ref, this.newAsOf);
      if (!(field instanceof PdfDict) || !(await this.isSignatureField(field))) {
        this.add('annotation', false, `AcroForm: new form field ${ref}${field instanceof PdfDict ? ` "${fieldName(field) ?? '?'}"` : ''}`);
      }
    }
  }

  private async isSignatureField(dict: PdfDict): Promise<boolean> {
    if (isName(dict.get('FT'), 'Sig')) return true;
    const parent = dict.get('Parent');
    if (!(parent instanceof PdfRef)) return false;
    const parentDict = await this.reader.getObject(parent.num, this.newAsOf);
    return parentDict instanceof PdfDict && isName(parentDict.get('FT'), 'Sig');
  }

  private async resolve(value: PdfValue | undefined, asOf: number): Promise<PdfValue | undefined> {
    return value instanceof PdfRef ? this.reader.getObject(value.num, asOf) : value;
  }

  private async same(was: PdfValue, now: PdfValue): Promise<boolean> {
    if (!valuesEqual(was, now)) return false;
    if (!(was instanceof PdfStream) || !(now instanceof PdfStream)) return true;
    const [a, b] = await Promise.all([this.reader.readRawStream(was, this.oldAsOf), this.reader.readRawStream(now, this.newAsOf)]);
    return a.equals(b);
  }

  /** Object numbers of the signed revision's page content streams, read once and only when a stream changed. */
  private async pageContentStreams(): Promise<Set<number>> {
    if (this.contentStreams) return this.contentStreams;
    const found = new Set<number>();
    const catalog = await this.resolve(this.reader.trailer.get('Root'), this.oldAsOf);
    const seen = new Set<number>();
    const walk = async (node: PdfValue | undefined): Promise<void> => {
      if (!(node instanceof PdfRef) || seen.has(node.num)) return;
      seen.add(node.num);
      const dict = await this.reader.getObject(node.num, this.oldAsOf);
      if (!(dict instanceof PdfDict)) return;
      const kids = await this.resolve(dict.get('Kids'), this.oldAsOf);
      if (Array.isArray(kids)) {
        for (const kid of kids) await walk(kid);
        return;
      }
      const contents = dict.get('Contents');
      const resolved = await this.resolve(contents, this.oldAsOf);
      if (contents instanceof PdfRef) found.add(contents.num);
      for (const ref of Array.isArray(resolved) ? resolved : []) if (ref instanceof PdfRef) found.add(ref.num);
    };
    if (catalog instanceof PdfDict) await walk(catalog.get('Pages'));
    this.contentStreams = found;
    return found;
  }
}

function refsOf(value: PdfValue | undefined): Set<number> {
  return new Set((Array.isArray(value) ? value : []).filter((item): item is PdfRef => item instanceof PdfRef).map((ref) => ref.num));
}

function changedKeys(was: PdfDict, now: PdfDict): string[] {
  const keys = new Set([...was.entries.keys(), ...now.entries.keys()]);
  return [...keys].filter((key) => !valuesEqual(was.get(key), now.get(key)));
}

/** Structural equality of parsed values; a stream compares by its dictionary here, its data elsewhere. */
export function valuesEqual(a: PdfValue | undefined, b: PdfValue | undefined): boolean {
  if (a === b) return true;
  if (a instanceof PdfRef && b instanceof PdfRef) return a.num === b.num && a.gen === b.gen;
  if (a instanceof PdfName && b instanceof PdfName) return a.name === b.name;
  if (a instanceof PdfString && b instanceof PdfString) return Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  if (a instanceof PdfStream && b instanceof PdfStream) return valuesEqual(a.dict, b.dict);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]));
  if (a instanceof PdfDict && b instanceof PdfDict) {
    if (a.entries.size !== b.entries.size) return false;
    for (const [key, value] of a.entries) if (!valuesEqual(value, b.get(key))) return false;
    return true;
  }
  return false;
}
