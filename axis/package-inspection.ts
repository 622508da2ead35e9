/**
 * What the axis reads of an uploaded package: that it is edXML at all, who it claims to come
 * from, and to whom it goes (the To elements of a document; ResponseFor/OrganId of a status).
 * The package is streamed through the same parser VanThu uses, attachments decoded and dropped.
 */
import { createReadStream } from 'node:fs';
import { EdxmlParseError } from '../shared/edxml/errors.js';
import { createEdxmlParser } from '../shared/edxml/parser.js';
import { VXP_ERROR } from '../shared/axis/vxp.js';
import { AxisFailure } from './envelope.js';

export interface InspectedPackage {
  kind: 'edoc' | 'status';
  from: string;
  receivers: string[];
}

const DISCARD = { beginAttachment: () => {}, attachmentBytes: () => {}, endAttachment: () => {} };

export async function inspectPackage(filePath: string): Promise<InspectedPackage> {
  const parser = createEdxmlParser(DISCARD);
  try {
    for await (const chunk of createReadStream(filePath, { encoding: 'utf8', highWaterMark: 64 * 1024 })) parser.write(chunk as string);
    const parsed = parser.close();
    if (parsed.kind === 'status') {
      return { kind: 'status', from: parsed.package.from.organId, receivers: [parsed.package.responseFor.organId].filter(Boolean) };
    }
    return { kind: 'edoc', from: parsed.package.header.from.organId, receivers: parsed.package.header.to.map((to) => to.organId).filter(Boolean) };
  } catch (error) {
    if (error instanceof EdxmlParseError) throw new AxisFailure(VXP_ERROR.notEdxml, `file_doc is not a valid edXML package: ${error.message}`);
    throw error;
  }
}
