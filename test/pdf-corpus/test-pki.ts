/** A throwaway CA with a leader and an agency certificate, made by openssl in a temp dir. */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Signer } from '../../electron/core/signing/cms/assemble-cms.js';

export interface TestSigner {
  certificates: Uint8Array[];
  signer: Signer;
}

export interface TestPki {
  caFile: string;
  leader: TestSigner;
  agency: TestSigner;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

export function makeTestPki(dir: string): TestPki {
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30',
    '-subj', '/C=VN/O=VanThu Test CA/CN=VanThu Test Root', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  writeFileSync(path.join(dir, 'leaf.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
  const caDer = new Uint8Array(execFileSync('openssl', ['x509', '-in', 'ca.pem', '-outform', 'DER'], { cwd: dir }));
  const leaf = (id: string, subject: string): TestSigner => {
    openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${id}.key`, '-out', `${id}.csr`, '-subj', subject]);
    openssl(dir, ['x509', '-req', '-in', `${id}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '30', '-extfile', 'leaf.ext', '-out', `${id}.pem`]);
    const der = new Uint8Array(execFileSync('openssl', ['x509', '-in', `${id}.pem`, '-outform', 'DER'], { cwd: dir }));
    const key = createPrivateKey(readFileSync(path.join(dir, `${id}.key`)));
    return { certificates: [der, caDer], signer: async (data) => new Uint8Array(sign('sha256', data, key)) };
  };
  return {
    caFile: path.join(dir, 'ca.pem'),
    leader: leaf('leader', '/C=VN/O=UBND Tinh Demo/CN=Nguyen Van Lanh Dao'),
    agency: leaf('agency', '/C=VN/O=UBND Tinh Demo/CN=UBND Tinh Demo'),
  };
}
