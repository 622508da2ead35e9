/** A loopback HTTP server for the test CA's CRL: certificates name its URL as their CRL distribution point. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CrlServer {
  url: string;
  /** The DER CRL served; empty answers 404. */
  crl: Uint8Array;
  close(): Promise<void>;
}

export async function startCrlServer(): Promise<CrlServer> {
  const state: CrlServer = { url: '', crl: new Uint8Array(), close: async () => {} };
  const server = createServer((request, response) => {
    if (request.url !== '/ca.crl' || state.crl.length === 0) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'application/pkix-crl' }).end(state.crl);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ca.crl`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
