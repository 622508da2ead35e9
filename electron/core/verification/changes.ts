/**
 * What each incremental update changed, compared object by object with the revision before it,
 * sorted into the kinds of docs/formats.md#change-rules (after EU DSS's categories: validation
 * data, signatures and form filling, annotations, anything else). Whether a change is allowed
 * depends on the signature it follows (its certification, its field lock): `judge` decides that.
 * New objects are judged where they become visible: an unreferenced object changes nothing.
 */
import type { ChangeAfterSignature } from '../../../shared/api/verification.js';
import { fieldName } from '../pdf/acro-form.js';
import { isName, PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from '../pdf/objects.js';
import type { PdfReader } from '../pdf/pdf-reader.js';
import type { FieldLock, MdpPermission } from '../pdf/signatures.js';
import type { Revision } from './revisions.js';

/** A change as found, before a signature's permissions judge it. */
export interface FoundChange {
  revision: number;
  kind: ChangeAfterSignature['kind'];
  detail: string;
  /** 'never': a change no permission allows (a signature replaced, a field redefined, a page redrawn). */
  never?: true;
  /** The existing field it fills or signs: a field lock may forbid it. */
  field?: { name: string; since: number };
}

/** Every change of revisions 2…n, each tagged with the revision that made it. */
export async function findChanges(reader: PdfReader, revisions: readonly Revision[]): Promise<FoundChange[]> {
  const changes: FoundChange[] = [];
  for (let i = 1; i < revisions.length; i++) {
    const revision = revisions[i]!;
    try {
      changes.push(...(await new RevisionDiff(reader, revisions, i).run()));
    } catch (error) {
      changes.push({ revision: revision.number, kind: 'other', never: true, detail: `revision ${revision.number} cannot be compared with the one before (${message(error)})` });
    }
  }
  return changes;
}

/** What a signature lets later revisions change. */
export interface SignaturePermissions {
  certification: MdpPermission | null;
  lock: FieldLock | null;
}

/** The rule table of docs/formats.md#change-rules, for one change after the signature of revision `signed`. */
export function judge(change: FoundChange, { certification, lock }: SignaturePermissions, signed: number): ChangeAfterSignature {
  const permission = Math.min(certification ?? 3, lock?.permission ?? 3);
  const verdict = (forbiddenBy: ChangeAfterSignature['forbiddenBy']): ChangeAfterSignature => ({
    revision: change.revision,
    kind: change.kind,
    allowed: forbiddenBy === null,
    forbiddenBy,
    detail: change.detail,
  });
  if (change.never || change.kind === 'page_content' || change.kind === 'new_page' || change.kind === 'other') return verdict('rule');
  if (change.kind === 'metadata') return verdict(null);
  if (permission === 1) return verdict('certification');
  if ((change.kind === 'annotation' || change.kind === 'form_field') && permission === 2) return verdict('certification');
  // A lock covers the fields the signature saw, not those added after it.
  if (change.field && change.field.since <= signed && lock && locks(lock, change.field.name)) return verdict('field_lock');
  return verdict(null);
}

function locks(lock: FieldLock, field: string): boolean {
  if (lock.action === 'All') return true;
  // A name also covers the fields below it ("a" locks "a.b").
  const listed = lock.fields.some((name) => field === name || field.startsWith(`${name}.`));
  return lock.action === 'Include' ? listed : !listed;
}

/** Changing these is filling a field (pyHanko's list): value, appearance, flags, text layout. */
const FIELD_VALUE_KEYS = new Set(['V', 'AP', 'AS', 'F', 'DA', 'Q', 'Ff', 'Type']);
/** Changing these moves or restyles a widget: an annotation change. */
const WIDGET_KEYS = new Set(['Rect', 'MK', 'BS', 'Border', 'C', 'Contents', 'M', 'NM', 'P', 'StructParent']);
const ACRO_FORM_KEYS = new Set(['Fields', 'SigFlags', 'DR', 'DA', 'Q', 'NeedAppearances']);
/** Catalog entries that hold validation data or describe the document without changing a page. */
const CATALOG_METADATA_KEYS = new Set(['DSS', 'Metadata', 'Extensions', 'Version']);
const MAX_DEPTH = 32;

class RevisionDiff {
  private readonly changes: FoundChange[] = [];
  private readonly newAsOf: number;
  private readonly oldAsOf: number;
  /** Fields already reported as new (a new field shows in /Fields and in its page's /Annots). */
  private readonly reportedFields = new Set<number>();
  private contentStreams: Set<number> | undefined;
  private fieldStreams: Map<number, { name: string; since: number }> | undefined;
  private metadataObjects: Set<number> | undefined;

  private readonly revision: Revision;

  constructor(private readonly reader: PdfReader, private readonly revisions: readonly Revision[], index: number) {
    this.revision = revisions[index]!;
    this.newAsOf = Math.min(...this.revision.sections);
    this.oldAsOf = Math.min(...revisions[index - 1]!.sections);
  }

  /** The revision that first wrote object `num`. */
  private since(num: number): number {
    return this.revisions.find((revision) => revision.sections.some((index) => this.reader.sections[index]!.entries.has(num)))?.number ?? 1;
  }

  async run(): Promise<FoundChange[]> {
    const written = new Set<number>();
    for (const index of this.revision.sections) {
      const section = this.reader.sections[index]!;
      for (const [num, entry] of section.entries) {
        // The xref stream's own entry is bookkeeping, not content.
        if (num !== 0 && !(entry.kind === 'offset' && entry.offset === section.offset)) written.add(num);
      }
    }
    for (const num of [...written].sort((a, b) => a - b)) {
      try {
        await this.object(num);
      } catch (error) {
        this.add('other', `object ${num} cannot be read (${message(error)})`, { never: true });
      }
    }
    return this.changes;
  }

  private add(kind: FoundChange['kind'], detail: string, extra: Pick<FoundChange, 'never' | 'field'> = {}): void {
    this.changes.push({ revision: this.revision.number, kind, detail, ...extra });
  }

  private async object(num: number): Promise<void> {
    const existed = this.reader.entryAsOf(num, this.oldAsOf);
    const was = existed && existed.kind !== 'free' ? await this.reader.getObject(num, this.oldAsOf) : undefined;
    if (this.reader.entryAsOf(num, this.newAsOf)?.kind === 'free') {
      if (was !== undefined) this.deleted(num, was);
      return;
    }
    const now = await this.reader.getObject(num, this.newAsOf);
    if (now instanceof PdfStream && (isName(now.dict.get('Type'), 'ObjStm') || isName(now.dict.get('Type'), 'XRef'))) return;
    if (was === undefined) return this.created(num, now);
    if (await this.same(was, now)) return;
    if ((await this.metadata()).has(num)) return this.add('metadata', `${was instanceof PdfStream ? 'stream' : 'object'} ${num} (validation data or document information) changed`);
    if (was instanceof PdfStream || now instanceof PdfStream) return this.changedStream(num, was);
    if (!(was instanceof PdfDict) || !(now instanceof PdfDict)) return this.add('other', `object ${num} changed`);
    await this.changedDict(num, was, now);
  }

  private deleted(num: number, was: PdfValue): void {
    if (was instanceof PdfDict && isAnnotation(was) && !isField(was)) this.add('annotation', `annotation ${num} deleted`);
    else this.add('other', `object ${num} deleted`, { never: true });
  }

  private async created(num: number, value: PdfValue): Promise<void> {
    if (!(value instanceof PdfDict)) return;
    if (isName(value.get('Type'), 'Page')) return this.add('new_page', `new page (object ${num})`);
    if (isName(value.get('FT'), 'Sig') && value.get('V') !== undefined) await this.reportNewField(num, value, true, 'new');
  }

  /** A new field, once however many places list it: a signature (or a document time-stamp) or another kind of field. */
  private async reportNewField(num: number, field: PdfDict, signature: boolean, where: string): Promise<void> {
    if (this.reportedFields.has(num)) return;
    this.reportedFields.add(num);
    const title = `"${fieldName(field) ?? '?'}" (object ${num})`;
    if (!signature) return this.add('form_field', `${where} form field ${title}`);
    const value = await this.resolve(field.get('V'), this.newAsOf);
    if (value instanceof PdfDict && (isName(value.get('SubFilter'), 'ETSI.RFC3161') || isName(value.get('Type'), 'DocTimeStamp'))) {
      this.add('metadata', `${where} document time-stamp ${title}`);
    } else {
      this.add('signature', `${where} signature field ${title}`);
    }
  }

  private async changedStream(num: number, was: PdfValue): Promise<void> {
    if ((await this.pageContentStreams()).has(num)) return this.add('page_content', `page content stream ${num} rewritten`);
    const field = (await this.fieldAppearanceStreams()).get(num);
    if (field !== undefined) return this.add('form_fill', `appearance stream ${num} of form field "${field.name}" rewritten`, { field });
    const type = was instanceof PdfStream ? was.dict.get('Type') : undefined;
    this.add('other', `stream ${num}${isName(type) ? ` (/${type.name})` : ''} rewritten`);
  }

  private async changedDict(num: number, was: PdfDict, now: PdfDict): Promise<void> {
    const keys = changedKeys(was, now);
    const type = was.get('Type');
    if (isName(type, 'Catalog')) return this.catalog(was, now, keys);
    if (isName(type, 'Pages')) return this.add('new_page', `page tree node ${num}: ${list(keys)} changed`);
    if (isName(type, 'Page')) {
      const other = keys.filter((key) => key !== 'Annots');
      if (other.length > 0) this.add('page_content', `page object ${num}: ${list(other)} changed`);
      if (keys.includes('Annots')) await this.annotations(num, was, now);
      return;
    }
    if (was.get('Fields') !== undefined) return this.acroForm(`AcroForm ${num}`, was, now, keys);
    if (isField(was)) return this.fieldChanged(num, was, keys);
    if (isName(type, 'Sig') || isName(type, 'DocTimeStamp')) return this.add('other', `existing signature dictionary ${num} changed`, { never: true });
    if (isAnnotation(was)) return this.add('annotation', `annotation ${num}: ${list(keys)} changed`);
    this.add('other', `object ${num}${isName(type) ? ` (/${type.name})` : ''}: ${list(keys)} changed`);
  }

  private async catalog(was: PdfDict, now: PdfDict, keys: string[]): Promise<void> {
    for (const key of keys) {
      if (key === 'AcroForm') {
        const [before, after] = await Promise.all([this.resolve(was.get(key), this.oldAsOf), this.resolve(now.get(key), this.newAsOf)]);
        const beforeDict = before instanceof PdfDict ? before : new PdfDict();
        if (after instanceof PdfDict) await this.acroForm('AcroForm', beforeDict, after, changedKeys(beforeDict, after));
        else this.add('other', 'catalog: the AcroForm was removed', { never: true });
      } else if (CATALOG_METADATA_KEYS.has(key)) {
        this.add('metadata', `catalog: /${key} changed`);
      } else {
        this.add(key === 'Pages' ? 'new_page' : 'other', `catalog: /${key} changed`);
      }
    }
  }

  private async acroForm(label: string, was: PdfDict, now: PdfDict, keys: string[]): Promise<void> {
    const other = keys.filter((key) => !ACRO_FORM_KEYS.has(key));
    if (other.length > 0) this.add('other', `${label}: ${list(other)} changed`);
    if (!keys.includes('Fields')) return;
    const before = refsOf(await this.resolve(was.get('Fields'), this.oldAsOf));
    const after = refsOf(await this.resolve(now.get('Fields'), this.newAsOf));
    for (const ref of before) if (!after.has(ref)) this.add('other', `${label}: field ${ref} removed`, { never: true });
    for (const ref of after) if (!before.has(ref)) await this.newField(ref, `${label}: new`);
  }

  /** A field or widget that appeared in /Fields or in a page's /Annots. */
  private async newField(ref: number, where: string): Promise<void> {
    const field = await this.reader.getObject(ref, this.newAsOf);
    const owner = field instanceof PdfDict ? await this.terminalField(ref, field) : undefined;
    if (!owner) return this.add('other', `${where} object ${ref} that is not a form field`);
    await this.reportNewField(owner.num, owner.dict, owner.signature, where);
  }

  private async fieldChanged(num: number, was: PdfDict, keys: string[]): Promise<void> {
    const field = await this.fullName(num, was);
    const title = `"${field}" (object ${num})`;
    const definition = keys.filter((key) => !FIELD_VALUE_KEYS.has(key) && !WIDGET_KEYS.has(key));
    if (definition.length > 0) return this.add('other', `form field ${title}: ${list(definition)} changed`, { never: true });
    const widget = keys.filter((key) => WIDGET_KEYS.has(key));
    if (widget.length > 0) this.add('annotation', `widget of form field ${title}: ${list(widget)} changed`);
    const value = keys.filter((key) => FIELD_VALUE_KEYS.has(key));
    if (value.length === 0) return;
    if (await this.isSignatureField(was, this.oldAsOf)) {
      // An empty signature field may be signed once; a signed one stays as it was signed.
      if ((await this.signatureValue(was)) !== undefined) this.add('other', `signature field ${title}: ${list(value)} changed after it was signed`, { never: true });
      else this.add('signature', `signature field ${title} signed`, { field: { name: field, since: this.since(num) } });
      return;
    }
    this.add('form_fill', `form field ${title} filled`, { field: { name: field, since: this.since(num) } });
  }

  /** The annotations a page gained or lost. */
  private async annotations(num: number, was: PdfDict, now: PdfDict): Promise<void> {
    const before = refsOf(await this.resolve(was.get('Annots'), this.oldAsOf));
    const after = refsOf(await this.resolve(now.get('Annots'), this.newAsOf));
    for (const ref of before) {
      if (after.has(ref)) continue;
      const annotation = await this.reader.getObject(ref, this.oldAsOf);
      if (annotation instanceof PdfDict && isField(annotation)) this.add('other', `page object ${num}: the widget ${ref} of a form field removed`, { never: true });
      else this.add('annotation', `page object ${num}: annotation ${ref} removed`);
    }
    for (const ref of after) {
      if (before.has(ref)) continue;
      const annotation = await this.reader.getObject(ref, this.newAsOf);
      if (annotation instanceof PdfDict && isField(annotation)) {
        await this.newField(ref, `page object ${num}: new`);
      } else {
        const subtype = annotation instanceof PdfDict ? annotation.get('Subtype') : undefined;
        this.add('annotation', `page object ${num}: new ${isName(subtype) ? `/${subtype.name} ` : ''}annotation ${ref}`);
      }
    }
  }

  /** The field a widget belongs to (itself when it is a field), and whether it is a signature field. */
  private async terminalField(num: number, dict: PdfDict): Promise<{ num: number; dict: PdfDict; signature: boolean } | undefined> {
    let current = { num, dict };
    for (let depth = 0; depth < MAX_DEPTH && current.dict.get('T') === undefined; depth++) {
      const parent = current.dict.get('Parent');
      if (!(parent instanceof PdfRef)) break;
      const parentDict = await this.reader.getObject(parent.num, this.newAsOf);
      if (!(parentDict instanceof PdfDict)) break;
      current = { num: parent.num, dict: parentDict };
    }
    if (!isField(current.dict)) return undefined;
    return { ...current, signature: await this.isSignatureField(current.dict, this.newAsOf) };
  }

  private async isSignatureField(dict: PdfDict, asOf: number): Promise<boolean> {
    let current: PdfDict = dict;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const type = current.get('FT');
      if (type !== undefined) return isName(type, 'Sig');
      const parent = current.get('Parent');
      if (!(parent instanceof PdfRef)) return false;
      const parentDict = await this.reader.getObject(parent.num, asOf);
      if (!(parentDict instanceof PdfDict)) return false;
      current = parentDict;
    }
    return false;
  }

  private async signatureValue(dict: PdfDict): Promise<PdfValue | undefined> {
    let current: PdfDict = dict;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      if (current.get('V') !== undefined) return current.get('V');
      const parent = current.get('Parent');
      if (!(parent instanceof PdfRef)) return undefined;
      const parentDict = await this.reader.getObject(parent.num, this.oldAsOf);
      if (!(parentDict instanceof PdfDict)) return undefined;
      current = parentDict;
    }
    return undefined;
  }

  /** "parent.child": the name a field lock lists. */
  private async fullName(num: number, dict: PdfDict): Promise<string> {
    const parts: string[] = [];
    let current: PdfDict | undefined = dict;
    for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
      const title = fieldName(current);
      if (title !== undefined) parts.unshift(title);
      const parent: PdfValue | undefined = current.get('Parent');
      const next: PdfValue | undefined = parent instanceof PdfRef ? await this.reader.getObject(parent.num, this.oldAsOf) : undefined;
      current = next instanceof PdfDict ? next : undefined;
    }
    return parts.length > 0 ? parts.join('.') : `object ${num}`;
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

  private async catalogAsOf(asOf: number): Promise<PdfDict | undefined> {
    const root = this.reader.sections.slice(asOf).find((section) => section.trailer.get('Root') !== undefined)?.trailer.get('Root');
    const catalog = await this.resolve(root, asOf);
    return catalog instanceof PdfDict ? catalog : undefined;
  }

  /** Object numbers of the signed revision's page content streams, read once and only when a stream changed. */
  private async pageContentStreams(): Promise<Set<number>> {
    if (this.contentStreams) return this.contentStreams;
    const found = new Set<number>();
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
    await walk((await this.catalogAsOf(this.oldAsOf))?.get('Pages'));
    this.contentStreams = found;
    return found;
  }

  /** The appearance streams of the signed revision's fields and widgets, by object number, with their field's name. */
  private async fieldAppearanceStreams(): Promise<Map<number, { name: string; since: number }>> {
    if (this.fieldStreams) return this.fieldStreams;
    const found = new Map<number, { name: string; since: number }>();
    const seen = new Set<number>();
    const collect = async (value: PdfValue | undefined, field: { name: string; since: number }): Promise<void> => {
      const resolved = await this.resolve(value, this.oldAsOf);
      if (!(resolved instanceof PdfDict)) return;
      for (const appearance of resolved.entries.values()) {
        if (appearance instanceof PdfRef) found.set(appearance.num, field);
        const states = await this.resolve(appearance, this.oldAsOf);
        if (states instanceof PdfDict) for (const state of states.entries.values()) if (state instanceof PdfRef) found.set(state.num, field);
      }
    };
    const walk = async (refs: PdfValue | undefined, prefix: string, depth: number): Promise<void> => {
      for (const ref of Array.isArray(refs) ? refs : []) {
        if (!(ref instanceof PdfRef) || seen.has(ref.num) || depth > MAX_DEPTH) continue;
        seen.add(ref.num);
        const dict = await this.reader.getObject(ref.num, this.oldAsOf);
        if (!(dict instanceof PdfDict)) continue;
        const title = fieldName(dict);
        const name = title === undefined ? prefix : prefix ? `${prefix}.${title}` : title;
        await collect(dict.get('AP'), { name, since: this.since(ref.num) });
        await walk(await this.resolve(dict.get('Kids'), this.oldAsOf), name, depth + 1);
      }
    };
    const acroForm = await this.resolve((await this.catalogAsOf(this.oldAsOf))?.get('AcroForm'), this.oldAsOf);
    if (acroForm instanceof PdfDict) await walk(await this.resolve(acroForm.get('Fields'), this.oldAsOf), '', 0);
    this.fieldStreams = found;
    return found;
  }

  /** The signed revision's document information, XMP metadata and validation data (DSS and its VRI): rewriting them changes no page. */
  private async metadata(): Promise<Set<number>> {
    if (this.metadataObjects) return this.metadataObjects;
    const found = new Set<number>();
    const info = this.reader.sections.slice(this.oldAsOf).find((section) => section.trailer.get('Info') !== undefined)?.trailer.get('Info');
    if (info instanceof PdfRef) found.add(info.num);
    const catalog = await this.catalogAsOf(this.oldAsOf);
    const xmp = catalog?.get('Metadata');
    if (xmp instanceof PdfRef) found.add(xmp.num);
    const dss = catalog?.get('DSS');
    if (dss instanceof PdfRef) found.add(dss.num);
    const dssDict = await this.resolve(dss, this.oldAsOf);
    if (dssDict instanceof PdfDict) for (const value of dssDict.entries.values()) if (value instanceof PdfRef) found.add(value.num);
    this.metadataObjects = found;
    return found;
  }
}

/** A form field or a widget of one (terminal fields carry /FT or inherit it through /Parent). */
function isField(dict: PdfDict): boolean {
  return dict.get('FT') !== undefined || isName(dict.get('Subtype'), 'Widget') || (dict.get('T') !== undefined && (dict.get('Parent') !== undefined || dict.get('Kids') !== undefined));
}

function isAnnotation(dict: PdfDict): boolean {
  return isName(dict.get('Type'), 'Annot') || (dict.get('Subtype') instanceof PdfName && dict.get('Rect') !== undefined);
}

function list(keys: Iterable<string>): string {
  return [...keys].map((key) => `/${key}`).join(', ');
}

function refsOf(value: PdfValue | undefined): Set<number> {
  return new Set((Array.isArray(value) ? value : []).filter((item): item is PdfRef => item instanceof PdfRef).map((ref) => ref.num));
}

function changedKeys(was: PdfDict, now: PdfDict): string[] {
  const keys = new Set([...was.entries.keys(), ...now.entries.keys()]);
  return [...keys].filter((key) => !valuesEqual(was.get(key), now.get(key)));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
