/**
 * The small XML serialiser of the builder: elements are unprefixed, in the edXML namespace that
 * the root declares as the default one (the form receivers commonly expect, see
 * docs/formats.md#edxml-shape), empty elements are dropped (only non-empty ones are written) and
 * the layout is fixed, so the same model always gives the same bytes.
 */

export interface XmlElement {
  name: string;
  attributes?: Readonly<Record<string, string>>;
  content: string | XmlElement[];
}

/** A leaf with the value's text, or nothing when the value is empty. */
export function leaf(name: string, value: string | number | null): XmlElement | null {
  const text = value === null ? '' : String(value).trim();
  return text === '' ? null : { name, content: text };
}

/** A container of the non-empty children, or nothing when none is left. */
export function element(name: string, children: readonly (XmlElement | null)[], attributes?: Record<string, string>): XmlElement | null {
  const kept = children.filter((child): child is XmlElement => child !== null);
  return kept.length === 0 ? null : { name, attributes, content: kept };
}

// Parsers turn a raw CR into LF: writing it as a reference keeps the text byte-stable.
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', '\n': '&#10;', '\t': '&#9;' };

export function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (char) => TEXT_ESCAPES[char]!);
}

export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"\r\n\t]/g, (char) => ATTRIBUTE_ESCAPES[char]!);
}

const indentOf = (depth: number) => '  '.repeat(depth);

export function openTag(name: string, depth: number, attributes: Readonly<Record<string, string>> = {}): string {
  const attributeText = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('');
  return `${indentOf(depth)}<${name}${attributeText}>`;
}

export function closeTag(name: string, depth: number): string {
  return `${indentOf(depth)}</${name}>\n`;
}

export function serializeElement(node: XmlElement, depth: number): string {
  if (typeof node.content === 'string') {
    return `${openTag(node.name, depth, node.attributes)}${escapeText(node.content)}</${node.name}>\n`;
  }
  const children = node.content.map((child) => serializeElement(child, depth + 1)).join('');
  return `${openTag(node.name, depth, node.attributes)}\n${children}${closeTag(node.name, depth)}`;
}
