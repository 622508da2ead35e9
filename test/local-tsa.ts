/**
 * A local RFC 3161 TSA for tests: a throwaway CA issues a TSA certificate (extendedKeyUsage
 * critical timeStamping), and a node:http server answers each application/timestamp-query by
 * piping it through `openssl ts -reply`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

export interface LocalTsa {
  url: string;
  /** The TSA's CA, for `openssl ts -verify -CAfile`. */
  caFile: string;
  /** The TSA certificate (PEM). */
  certFile: string;
  /** Requests answered so far. */
  requests: number;
  /** Answers the next request with this HTTP status instead (once). */
  failNext: number | null;
  close(): Promise<void>;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

export async function startLocalTsa(parent: string): Promise<LocalTsa> {
  const dir = mkdtempSync(path.join(parent, 'tsa-'));
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa-ca.key', '-out', 'tsa-ca.pem', '-days', '30',
    '-subj', '/C=VN/O=VanThu Test TSA CA/CN=VanThu Test TSA Root', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  writeFileSync(path.join(dir, 'tsa.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=critical,timeStamping\n');
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/C=VN/O=VanThu Test TSA/CN=VanThu Test TSA']);
  openssl(dir, ['x509', '-req', '-in', 'tsa.csr', '-CA', 'tsa-ca.pem', '-CAkey', 'tsa-ca.key', '-CAcreateserial', '-days', '30', '-extfile', 'tsa.ext', '-out', 'tsa.pem']);
  writeFileSync(path.join(dir, 'tsaserial'), '01\n');
  const config = path.join(dir, 'tsa.cnf');
  writeFileSync(
    config,
    [
      '[ tsa ]',
      'default_tsa = tsa_config',
      '[ tsa_config ]',
      `serial = ${path.join(dir, 'tsaserial')}`,
      'crypto_device = builtin',
      `signer_cert = ${path.join(dir, 'tsa.pem')}`,
      `certs = ${path.join(dir, 'tsa-ca.pem')}`,
      `signer_key = ${path.join(dir, 'tsa.key')}`,
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ordering = yes',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );

  let counter = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        if (tsa.failNext !== null) {
          response.writeHead(tsa.failNext).end();
          tsa.failNext = null;
          return;
        }
        if (request.method !== 'POST' || request.headers['content-type'] !== 'application/timestamp-query') {
          response.writeHead(415).end();
          return;
        }
        const id = ++counter;
        const query = path.join(dir, `q${id}.tsq`);
        const reply = path.join(dir, `r${id}.tsr`);
        writeFileSync(query, Buffer.concat(chunks));
        try {
          await promisify(execFile)('openssl', ['ts', '-reply', '-config', config, '-queryfile', query, '-out', reply]);
          tsa.requests++;
          response.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(readFileSync(reply));
        } catch {
          response.writeHead(500).end();
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const tsa: LocalTsa = {
    url: `http://127.0.0.1:${port}/tsa`,
    caFile: path.join(dir, 'tsa-ca.pem'),
    certFile: path.join(dir, 'tsa.pem'),
    requests: 0,
    failNext: null,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
  return tsa;
}
