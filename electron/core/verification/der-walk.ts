/**
 * DER walked by tag and length, without building an object tree: enough to find the parts of a
 * CMS SignedData (its certificates, its signer info) and hand each to the parser that needs it.
 * Only definite lengths and one-byte tags: anything else is left to the full BER parser.
 */
export interface DerElement {
  tag: number;
  /** Offsets into the bytes: the element's header, its content, and just past its end. */
  start: number;
  contentStart: number;
  end: number;
}

export class NotPlainDer extends Error {}

export function readElement(bytes: Uint8Array, at: number, limit = bytes.length): DerElement {
  if (at + 2 > limit) throw new NotPlainDer('truncated element');
  const tag = bytes[at]!;
  if ((tag & 0x1f) === 0x1f) throw new NotPlainDer('multi-byte tag');
  const first = bytes[at + 1]!;
  let length = first;
  let contentStart = at + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new NotPlainDer(count === 0 ? 'indefinite length' : 'length too long');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[contentStart + i]!;
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new NotPlainDer('element runs past its container');
  return { tag, start: at, contentStart, end };
}

export function childrenOf(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = readElement(bytes, at, parent.end);
    children.push(child);
    at = child.end;
  }
  return children;
}

/** The dotted form of an OBJECT IDENTIFIER element (X.690 §8.19). */
export function oidOf(bytes: Uint8Array, element: DerElement): string {
  const arcs: number[] = [];
  let value = 0;
  for (let i = element.contentStart; i < element.end; i++) {
    const byte = bytes[i]!;
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const top = first < 80 ? Math.floor(first / 40) : 2;
  return [top, first - top * 40, ...arcs].join('.');
}
