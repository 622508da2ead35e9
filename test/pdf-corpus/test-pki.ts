/**
 * A throwaway CA with a leader and an agency certificate, made by openssl in a temp dir. More
 * leaves (other key usages, validity periods, a CRL distribution point) and the CA's CRL are made
 * on demand, for the verification tests.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Signer } from '../../electron/core/pki/assemble-cms.js';

export interface TestSigner {
  /** DER, the leaf first, then the CA. */
  certificates: Uint8Array[];
  signer: Signer;
  certFile: string;
}

export interface LeafOptions {
  /** openssl keyUsage value; signing usages by default. */
  keyUsage?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** A CRL distribution point URL (the tests serve the CRL on a loopback port). */
  crlUrl?: string;
  /** An OCSP responder URL (authority information access). */
  ocspUrl?: string;
  /** The key pair: RSA 2048 by default, or ECDSA P-256. */
  key?: 'rsa' | 'ec';
}

export interface TestPki {
  /** The folder of the CA's files (key, index.txt): what `openssl ocsp` answers from. */
  dir: string;
  caFile: string;
  caDer: Uint8Array;
  leader: TestSigner;
  agency: TestSigner;
  /** Issues another leaf; `subject` is an openssl -subj, UTF-8 allowed. */
  issue(id: string, subject: string, options?: LeafOptions): TestSigner;
  /** The CA's CRL (DER), listing `revoked` as revoked now; valid for 30 days unless `hours` says otherwise. */
  crl(revoked?: TestSigner[], hours?: number): Uint8Array;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

const CA_CONFIG = `[ca]
default_ca = test
[test]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
crlnumber = crlnumber
certificate = ca.pem
private_key = ca.key
default_md = sha256
default_days = 30
default_crl_days = 30
policy = any
unique_subject = no
[any]
commonName = supplied
`;

/** openssl ca's date format: YYMMDDHHMMSSZ. */
const caDate = (date: Date) => `${date.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`;

export function makeTestPki(dir: string, options: { crlUrl?: string } = {}): TestPki {
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30',
    '-subj', '/C=VN/O=VanThu Test CA/CN=VanThu Test Root', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  writeFileSync(path.join(dir, 'ca.cnf'), CA_CONFIG);
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(path.join(dir, 'serial'), `${Date.now().toString(16).padStart(16, '0')}\n`);
  writeFileSync(path.join(dir, 'crlnumber'), '01\n');
  const caDer = new Uint8Array(execFileSync('openssl', ['x509', '-in', 'ca.pem', '-outform', 'DER'], { cwd: dir }));
  const issue = (id: string, subject: string, leaf: LeafOptions = {}): TestSigner => {
    const extensions = ['basicConstraints=CA:FALSE', `keyUsage=critical,${leaf.keyUsage ?? 'digitalSignature,nonRepudiation'}`];
    if (leaf.crlUrl) extensions.push(`crlDistributionPoints=URI:${leaf.crlUrl}`);
    if (leaf.ocspUrl) extensions.push(`authorityInfoAccess=OCSP;URI:${leaf.ocspUrl}`);
    writeFileSync(path.join(dir, `${id}.ext`), `${extensions.join('\n')}\n`);
    const newKey = leaf.key === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
    openssl(dir, ['req', '-utf8', ...newKey, '-nodes', '-keyout', `${id}.key`, '-out', `${id}.csr`, '-subj', subject]);
    const notBefore = leaf.notBefore ?? new Date(Date.now() - 24 * 3600_000);
    const notAfter = leaf.notAfter ?? new Date(Date.now() + 30 * 24 * 3600_000);
    openssl(dir, ['ca', '-batch', '-config', 'ca.cnf', '-preserveDN', '-notext', '-in', `${id}.csr`, '-out', `${id}.pem`, '-extfile', `${id}.ext`,
      '-startdate', caDate(notBefore), '-enddate', caDate(notAfter)]);
    const der = new Uint8Array(execFileSync('openssl', ['x509', '-in', `${id}.pem`, '-outform', 'DER'], { cwd: dir }));
    const key = createPrivateKey(readFileSync(path.join(dir, `${id}.key`)));
    return { certificates: [der, caDer], signer: async (data) => new Uint8Array(sign('sha256', data, key)), certFile: path.join(dir, `${id}.pem`) };
  };
  const crl = (revoked: TestSigner[] = [], hours?: number): Uint8Array => {
    for (const leaf of revoked) openssl(dir, ['ca', '-config', 'ca.cnf', '-revoke', leaf.certFile]);
    openssl(dir, ['ca', '-config', 'ca.cnf', '-gencrl', '-out', 'ca.crl', ...(hours === undefined ? [] : ['-crlhours', String(hours)])]);
    return new Uint8Array(execFileSync('openssl', ['crl', '-in', 'ca.crl', '-outform', 'DER'], { cwd: dir }));
  };
  const leafOptions = options.crlUrl ? { crlUrl: options.crlUrl } : {};
  return {
    dir,
    caFile: path.join(dir, 'ca.pem'),
    caDer,
    leader: issue('leader', '/C=VN/O=UBND Tinh Demo/CN=Nguyen Van Lanh Dao', leafOptions),
    agency: issue('agency', '/C=VN/O=UBND Tinh Demo/CN=UBND Tinh Demo', leafOptions),
    issue,
    crl,
  };
}
