/** A passage with its matched words marked (<mark>), from the ranges the core or the finder gave. */
import type { Passage } from '../../shared/text/passage.js';

export function Highlighted({ passage }: { passage: Passage }) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const { start, end } of passage.highlights) {
    if (start < at) continue;
    if (start > at) parts.push({ text: passage.text.slice(at, start), marked: false });
    parts.push({ text: passage.text.slice(start, end), marked: true });
    at = end;
  }
  if (at < passage.text.length) parts.push({ text: passage.text.slice(at), marked: false });
  return <span className="passage">{parts.map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}</span>;
}
