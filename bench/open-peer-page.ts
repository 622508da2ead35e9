/**
 * The `open` bench's peer page: what the renderer did before files went by link. The reply to
 * attachments.read was decoded from JSON (the shared wire decoding, base64 included) and its
 * bytes copied into pdf.js (`data:`), which then drew page 1.
 */
import * as pdfjs from 'pdfjs-dist';
import { fromWireJson } from '../shared/api/wire.js';

pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.min.mjs';

/** The page's DOM, as far as this script uses it (the bench's tsconfig has Node types, not the DOM's). */
declare const document: { createElement(tag: 'canvas'): { width: number; height: number }; body: { append(node: unknown): void } };

async function openPeer(): Promise<void> {
  const response = await fetch('/api/call/attachments.read', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"attachmentId":1}' });
  const reply = fromWireJson(await response.text()) as { result: { bytes: Uint8Array } };
  const doc = await pdfjs.getDocument({ data: reply.result.bytes.slice(), enableXfa: false, disableAutoFetch: true }).promise;
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale: 1 });
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  document.body.append(canvas);
  await page.render({ canvas: canvas as never, viewport }).promise;
}

(globalThis as unknown as { openPeer: typeof openPeer }).openPeer = openPeer;
