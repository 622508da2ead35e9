/**
 * Folds Vietnamese text for matching: lower case, tone and vowel marks stripped, đ → d.
 * Clerks type "quyet dinh" and expect "Quyết định"; the same fold is applied to the indexed
 * text and to the query so that both meet in the same alphabet.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}
