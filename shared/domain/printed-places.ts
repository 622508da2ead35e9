/**
 * A document's printed "Nơi nhận" lines, kept as a JSON array of text: what is not text in it
 * (a hand-edited or older value) is left out rather than failing the document.
 */
export function printedPlaces(json: string): string[] {
  const lines = JSON.parse(json) as unknown;
  return Array.isArray(lines) ? lines.filter((line): line is string => typeof line === 'string') : [];
}
