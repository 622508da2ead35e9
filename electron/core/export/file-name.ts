/**
 * Names of exported files. Plain ASCII words joined by hyphens, from the Vietnamese title
 * without its marks ("Sổ đăng ký văn bản đến" → so-dang-ky-van-ban-den): Windows itself takes
 * Vietnamese names, but they break on the way — zip tools that write CP437, mail and portal
 * uploads, FAT USB sticks, NFC/NFD mismatches between systems — and a name with marks is hard to
 * type in a search box or a command prompt. Dates are written day first with hyphens (a file name
 * cannot hold "/").
 */
import { foldText } from '../../../shared/text/fold.js';

export function fileNameWords(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** 2026-03-05 → 05-03-2026 */
export function fileNameDate(isoDate: string): string {
  return isoDate.split('-').reverse().join('-');
}
