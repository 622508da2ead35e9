/**
 * One small HTTP exchange for revocation data (a CRL GET, an OCSP POST) over node:http: fetch's
 * first request costs a CLI process ~0.2 s of start-up, and these answers are small. node:http
 * and node:https (which loads TLS) are loaded by the first exchange that needs each: a CLI run
 * offline, or with http CRLs only, never loads TLS.
 */

/** National CA CRLs run to a few MB; anything far larger is not an answer worth holding in memory. */
const MAX_BYTES = 64 * 1024 * 1024;

export interface HttpAnswer {
  status: number;
  body: Buffer;
}

/** Rejects with a one-line reason when the server cannot be reached or does not answer in time. */
export function httpExchange(url: string, options: { timeoutMs: number; body?: Uint8Array; contentType?: string }): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    // getBuiltinModule, not import(): a dynamic import starts the ES module loader, which loads TLS, HTTP/2 and undici.
    const send = url.toLowerCase().startsWith('https:') ? process.getBuiltinModule('node:https').request : process.getBuiltinModule('node:http').request;
    const headers = options.body ? { 'Content-Type': options.contentType ?? 'application/octet-stream', 'Content-Length': options.body.length } : undefined;
    const request = send(url, { method: options.body ? 'POST' : 'GET', timeout: options.timeoutMs, ...(headers ? { headers } : {}) }, (response) => {
      const chunks: Buffer[] = [];
      let length = 0;
      response.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length > MAX_BYTES) request.destroy(new Error(`the answer is larger than ${MAX_BYTES} bytes`));
        else chunks.push(chunk);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(options.body);
  });
}
