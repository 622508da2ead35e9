/**
 * Notifications carry text a sender chose (a subject, an agency name): it is made inert for what
 * reads it. Windows: the toast is XML that VanThu writes itself (toastXml), every text and
 * attribute escaped, so no sender can add elements, images that load a URL, or actions. Linux:
 * freedesktop notification servers read the body as markup (<b>, <a href>, <img src>), so it is
 * escaped; the title is plain text there and stays as it is. Everywhere: control characters and
 * bidi and other format controls are removed (a right-to-left override makes text read as
 * something else), and the length is bounded.
 */
import type { NotificationConstructorOptions } from 'electron';

const MAX_TITLE = 120;
const MAX_BODY = 400;

/** Control characters (but the line break) and format controls (Cf) out, at most `max` characters. */
export function plainNotificationText(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  const clean = text.replace(/\r\n?/g, '\n').replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f\p{Cf}]/gu, '');
  const chars = [...clean];
  return chars.length <= max ? clean : `${chars.slice(0, max - 1).join('')}…`;
}

/** XML 1.0 text and attribute escaping: the toast's XML, and the body markup of freedesktop notifications (the same escapes, as its specification asks). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A Windows toast (ToastGeneric, at most three lines: the title and two of the body), all text escaped. */
export function windowsToastXml(title: string, body: string): string {
  const lines = [title, ...body.split('\n')].filter((line) => line !== '').slice(0, 3);
  return `<toast><visual><binding template="ToastGeneric">${lines.map((line) => `<text>${escapeXml(line)}</text>`).join('')}</binding></visual></toast>`;
}

export interface NotificationText {
  title: string;
  body: string;
  urgency?: 'normal' | 'critical';
}

/** The Electron options for a notification of `text` on `platform`, sender text made inert. */
export function notificationOptions(text: NotificationText, platform: NodeJS.Platform): NotificationConstructorOptions {
  const title = plainNotificationText(text.title, MAX_TITLE);
  const body = plainNotificationText(text.body, MAX_BODY);
  const urgency = text.urgency ? { urgency: text.urgency } : {};
  if (platform === 'win32') return { title, body, toastXml: windowsToastXml(title, body) };
  if (platform === 'linux') return { title, body: escapeXml(body), ...urgency };
  return { title, body, ...urgency };
}
