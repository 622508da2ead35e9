/**
 * A stored package read again for its model alone: attachment bodies are decoded and dropped
 * (their files are in the blob store already), so reading keeps no more than the parser's tree.
 */
import { createReadStream } from 'node:fs';
import type { ParsedPackage } from '../../../../shared/edxml/model.js';
import { createEdxmlParser } from '../../../../shared/edxml/parser.js';
import { decodeBase64Natively } from './native-base64.js';

const READ_CHUNK_BYTES = 64 * 1024;
const DROP_BODIES = { beginAttachment: () => undefined, attachmentBytes: () => undefined, endAttachment: () => undefined };

/** Throws EdxmlParseError for a package that cannot be read. */
export async function readPackageModel(packagePath: string): Promise<ParsedPackage> {
  const parser = createEdxmlParser(DROP_BODIES, { decodeBase64: decodeBase64Natively });
  for await (const chunk of createReadStream(packagePath, { encoding: 'utf8', highWaterMark: READ_CHUNK_BYTES })) parser.write(chunk as string);
  return parser.close();
}
