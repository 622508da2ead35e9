/**
 * The streaming edXML reader (docs/formats.md#edxml). saxes checks well-formedness and resolves namespaces;
 * elements are matched by namespace URI and local name, never by prefix. Everything but the
 * attachment bodies is kept as a small tree and read into the model at close; each body is
 * base64-decoded as its text arrives and handed to the sink piece by piece, so memory does not
 * grow with the package. Hostile input stops early: any DOCTYPE, an undefined entity, too deep,
 * too many elements, too much text.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { AttachmentTextScanner } from './attachment-text.js';
import { Base64StreamDecoder, type GroupDecoder } from './base64-decoder.js';
import { pathStep, type TreeNode } from './element-tree.js';
import { EdxmlParseError } from './errors.js';
import { EDXML_NAMESPACE, type ParsedPackage } from './model.js';
import { readAttachmentMeta, readPackage } from './read-model.js';

export const EDXML_PARSE_LIMITS = {
  maxDepth: 64,
  maxElements: 100_000,
  /** Of one element, attachment bodies apart. */
  maxTextLength: 64 * 1024,
  /** Of all elements together, attachment bodies apart. */
  maxTotalText: 4 * 1024 * 1024,
} as const;

// saxes buffers a text, attribute or comment whole until its markup ends: this bounds how much
// it may hold. Raw text can be up to six times its decoded length (`&quot;` for one character).
const MAX_UNPARSED_RUN = EDXML_PARSE_LIMITS.maxTextLength * 8;

/**
 * Receives each attachment's decoded bytes, in document order, one Attachment at a time: the
 * n-th attachment begun is the n-th of the parsed package.
 */
export interface EdxmlSink {
  /** `meta` holds what precedes the body in the Attachment; the package's own list is final. */
  beginAttachment(meta: { contentId: string; attachmentName: string; contentType: string; description: string }): void;
  /** Each array is new: the sink may keep it. */
  attachmentBytes(bytes: Uint8Array): void;
  endAttachment(): void;
}

export interface EdxmlParser {
  write(chunk: string): void;
  close(): ParsedPackage;
}

interface OpenElement {
  /** null for an element outside the edXML namespace (a Signature, say), ignored with its content. */
  node: TreeNode | null;
  path: string;
  childCount: Map<string, number>;
}

/** The Attachment being read and, once its ContentTransferEncoded opens, the body being decoded. */
interface AttachmentState {
  node: TreeNode;
  body?: { element: OpenElement; decoder: Base64StreamDecoder; scanner: AttachmentTextScanner; done: boolean };
}

const ATTACHMENT_BODY_PATH = ['edXML', 'AttachmentEncoded', 'Attachment', 'ContentTransferEncoded'];

export interface EdxmlParserOptions {
  /** The attachments' base64 decoder (default: the portable one in shared/text/base64.ts). */
  decodeBase64?: GroupDecoder;
}

export function createEdxmlParser(sink: EdxmlSink, options: EdxmlParserOptions = {}): EdxmlParser {
  return new StreamingParser(sink, options);
}

class StreamingParser implements EdxmlParser {
  private readonly xml = new SaxesParser({ xmlns: true });
  private readonly open: OpenElement[] = [];
  private root: TreeNode | undefined;
  private elements = 0;
  private totalText = 0;
  private unparsedRun = 0;
  private eventSeen = false;
  private markupEnded = false;
  private attachment: AttachmentState | undefined;
  /** The body's text is being read by its scanner instead of saxes. */
  private scanning = false;
  private failure: unknown;

  constructor(
    private readonly sink: EdxmlSink,
    private readonly options: EdxmlParserOptions,
  ) {
    const xml = this.xml;
    xml.on('error', (error) => {
      // saxes reports an entity it does not know as an error: the only entities it expands are
      // the five predefined ones and character references.
      const reason = /undefined entity/.test(error.message) ? 'doctype_or_entity' : 'not_well_formed';
      throw new EdxmlParseError(reason, error.message, this.currentPath());
    });
    xml.on('doctype', () => {
      throw new EdxmlParseError('doctype_or_entity', 'a DOCTYPE is not allowed in an edXML package', this.currentPath());
    });
    xml.on('xmldecl', () => this.sawMarkupEnd());
    xml.on('processinginstruction', () => this.sawMarkupEnd());
    xml.on('comment', () => this.sawMarkupEnd());
    xml.on('opentag', (tag) => {
      this.sawMarkupEnd();
      this.openElement(tag);
    });
    xml.on('closetag', () => {
      this.sawMarkupEnd();
      this.closeElement();
    });
    xml.on('text', (text) => this.addText(text));
    xml.on('cdata', (text) => {
      this.sawMarkupEnd();
      this.addText(text);
    });
  }

  write(chunk: string): void {
    this.guard(() => this.feed(chunk));
  }

  close(): ParsedPackage {
    return this.guard(() => {
      this.xml.close();
      return readPackage(this.root!);
    });
  }

  /** After one failure the parser refuses everything with the same error. */
  private guard<T>(run: () => T): T {
    if (this.failure !== undefined) throw this.failure;
    try {
      return run();
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }

  private feed(chunk: string): void {
    let text = chunk;
    let at = 0;
    while (at < text.length) {
      if (this.scanning) {
        const markup = this.attachment!.body!.scanner.scan(at === 0 ? text : text.slice(at));
        if (markup === undefined) return;
        this.scanning = false;
        text = markup;
        at = 0;
      }
      // One '>' per write: every markup-ending event then falls on the last character written,
      // so whether the body's text comes next is known exactly.
      const gt = text.indexOf('>', at);
      const end = gt < 0 ? text.length : gt + 1;
      this.writeToSaxes(text.slice(at, end));
      at = end;
    }
  }

  private writeToSaxes(piece: string): void {
    if (this.unparsedRun + piece.length > MAX_UNPARSED_RUN) {
      throw new EdxmlParseError('too_large', 'a text, attribute or comment is too long', this.currentPath());
    }
    this.eventSeen = false;
    this.markupEnded = false;
    this.xml.write(piece);
    this.unparsedRun = this.eventSeen ? 0 : this.unparsedRun + piece.length;
    const body = this.attachment?.body;
    if (this.markupEnded && body && !body.done && this.open.at(-1) === body.element) this.scanning = true;
  }

  private sawMarkupEnd(): void {
    this.eventSeen = true;
    this.markupEnded = true;
  }

  private currentPath(): string | undefined {
    return this.open.at(-1)?.path;
  }

  private openElement(tag: SaxesTagNS): void {
    const parent = this.open.at(-1);
    if (++this.elements > EDXML_PARSE_LIMITS.maxElements) throw new EdxmlParseError('too_large', 'too many elements', parent?.path);
    if (this.open.length >= EDXML_PARSE_LIMITS.maxDepth) throw new EdxmlParseError('too_deep', 'elements are nested too deeply', parent?.path);
    if (!parent) this.checkRoot(tag);
    const body = this.attachment?.body;
    if (body && !body.done) throw new EdxmlParseError('bad_base64', 'an element inside attachment content', body.element.path);

    const position = (parent?.childCount.get(tag.local) ?? 0) + 1;
    parent?.childCount.set(tag.local, position);
    // Some producers leave inner blocks without a namespace: accepted as edXML.
    const inEdxml = !parent || (parent.node !== null && (tag.uri === EDXML_NAMESPACE || tag.uri === ''));
    const node: TreeNode | null = inEdxml ? { name: tag.local, text: '', children: [] } : null;
    const element: OpenElement = { node, path: parent ? `${parent.path}/${pathStep(tag.local, position)}` : tag.local, childCount: new Map() };
    if (node && parent?.node) parent.node.children.push(node);
    if (!parent) this.root = node!;
    this.open.push(element);
    if (node) this.enterAttachmentElement(element);
  }

  private checkRoot(tag: SaxesTagNS): void {
    if (tag.local !== 'edXML') throw new EdxmlParseError('not_edxml', `the root element is <${tag.name}>, not edXML`, tag.name);
    if (tag.uri !== EDXML_NAMESPACE) throw new EdxmlParseError('wrong_namespace', `the root element is in namespace "${tag.uri}", not ${EDXML_NAMESPACE}`, tag.name);
  }

  private isAt(names: readonly string[]): boolean {
    return this.open.length === names.length && this.open.every((element, index) => element.node?.name === names[index]);
  }

  private enterAttachmentElement(element: OpenElement): void {
    if (this.isAt(ATTACHMENT_BODY_PATH.slice(0, 3))) {
      this.attachment = { node: element.node! };
    } else if (this.isAt(ATTACHMENT_BODY_PATH)) {
      const attachment = this.attachment!;
      if (attachment.body) throw new EdxmlParseError('bad_base64', 'an attachment with two bodies', element.path);
      this.sink.beginAttachment(readAttachmentMeta(attachment.node));
      const decoder = new Base64StreamDecoder(this.options.decodeBase64);
      const scanner = new AttachmentTextScanner(element.path, (text) => this.decode(text));
      attachment.body = { element, decoder, scanner, done: false };
    }
  }

  private closeElement(): void {
    const element = this.open.pop()!;
    const attachment = this.attachment;
    if (!attachment) return;
    if (attachment.body?.element === element) {
      this.finishBody(element.path);
    } else if (attachment.node === element.node) {
      // An Attachment without a body still reaches the sink, so the sink's n-th attachment is
      // always the package's n-th.
      if (!attachment.body) {
        this.sink.beginAttachment(readAttachmentMeta(attachment.node));
        this.sink.endAttachment();
      }
      this.attachment = undefined;
    }
  }

  private finishBody(path: string): void {
    const body = this.attachment!.body!;
    try {
      body.decoder.finish();
    } catch (error) {
      throw new EdxmlParseError('bad_base64', (error as Error).message, path);
    }
    body.done = true;
    this.sink.endAttachment();
  }

  private decode(text: string): void {
    const body = this.attachment!.body!;
    let decoded: Uint8Array[];
    try {
      decoded = body.decoder.push(text);
    } catch (error) {
      throw new EdxmlParseError('bad_base64', (error as Error).message, body.element.path);
    }
    for (const bytes of decoded) this.sink.attachmentBytes(bytes);
  }

  private addText(text: string): void {
    this.eventSeen = true;
    const top = this.open.at(-1);
    const body = this.attachment?.body;
    if (body && !body.done && top === body.element) {
      this.decode(text);
      return;
    }
    if (!top?.node) return;
    this.totalText += text.length;
    if (top.node.text.length + text.length > EDXML_PARSE_LIMITS.maxTextLength) {
      throw new EdxmlParseError('too_large', `a text longer than ${EDXML_PARSE_LIMITS.maxTextLength} characters`, top.path);
    }
    if (this.totalText > EDXML_PARSE_LIMITS.maxTotalText) throw new EdxmlParseError('too_large', 'too much text outside attachments', top.path);
    top.node.text += text;
  }
}
