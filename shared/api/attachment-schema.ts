import { z } from 'zod';

/** Attachment names end up as files on Windows: no paths, no control or reserved characters. */
export const attachmentName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((name) => !/[\\/:*?"<>|]/.test(name) && ![...name].some((ch) => ch.charCodeAt(0) < 32), 'must not contain \\ / : * ? " < > | or control characters')
  .refine((name) => !/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(name), 'is a reserved Windows device name')
  .refine((name) => name !== '.' && name !== '..' && !name.endsWith('.'), 'must not be . or .. or end with a dot');

/** A MIME type as a browser or the desk names a chosen file's. */
export const attachmentContentType = z.string().max(100).regex(/^[\w.+-]+\/[\w.+-]+$/);
