/** `openssl ocsp` as the test CA's OCSP responder on a loopback port, answering from the CA's index.txt. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestPki } from './test-pki.js';

export interface OcspResponder {
  url: string;
  close(): Promise<void>;
}

/** A port free now, for a URL that must go into certificates before the responder starts. */
export async function reservePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts after the certificates it must know are issued or revoked: it reads the index once. */
export async function startOcspResponder(pki: TestPki, port: number): Promise<OcspResponder> {
  const child = spawn('openssl', ['ocsp', '-index', 'index.txt', '-CA', 'ca.pem', '-rsigner', 'ca.pem', '-rkey', 'ca.key', '-port', String(port), '-nmin', '5'], {
    cwd: pki.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/waiting for OCSP client connections/i.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`openssl ocsp exited (${code}): ${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
