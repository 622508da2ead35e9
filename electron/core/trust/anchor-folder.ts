/**
 * The trust-anchors folder: every readable certificate in it is an anchor. IT staff may manage
 * it by hand (copy the national government CA roots in), so the folder itself is the truth and
 * nothing about it is kept in the database; the app adds files (one DER certificate each, named
 * after the subject and hash so that a person can tell them apart) and removes them.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TrustAnchor, TrustAnchorList } from '../../../shared/api/trust-anchors.js';
import { foldName } from '../../../shared/domain/verification.js';
import { replaceFileContent } from '../fs/replace-file.js';
import { syncDirectory } from '../fs/sync-directory.js';
import { describeCertificate } from '../pki/certificate-info.js';
import { certificatesIn } from '../verification/index.js';

export { NotACertificate } from '../verification/index.js';

export function describeAnchor(der: Uint8Array, file: string): TrustAnchor {
  const info = describeCertificate(der);
  return {
    file,
    subject: info.holder.text,
    commonName: info.holder.commonName,
    organization: info.holder.organization,
    issuer: info.issuer.text,
    serialNumber: info.serialNumber,
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    sha256: createHash('sha256').update(der).digest('hex'),
  };
}

async function filesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile() && !entry.name.startsWith('.')).map((entry) => entry.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function listTrustAnchors(dir: string): Promise<TrustAnchorList> {
  const list: TrustAnchorList = { folder: dir, anchors: [], unreadable: [] };
  for (const file of await filesIn(dir)) {
    try {
      for (const der of certificatesIn(new Uint8Array(await readFile(path.join(dir, file))))) list.anchors.push(describeAnchor(der, file));
    } catch (error) {
      list.unreadable.push({ file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return list;
}

/**
 * Adds the certificates of an uploaded file, each as its own DER file (replaced atomically),
 * and returns them. Throws NotACertificate, or AnchorExists when one is already an anchor.
 */
export async function addTrustAnchors(dir: string, bytes: Uint8Array): Promise<TrustAnchor[]> {
  const ders = certificatesIn(bytes);
  const existing = new Set((await listTrustAnchors(dir)).anchors.map((anchor) => anchor.sha256));
  const added = ders.map((der) => ({ der, anchor: describeAnchor(der, '') }));
  const duplicate = added.find(({ anchor }) => existing.has(anchor.sha256));
  if (duplicate) throw new AnchorExists(`${duplicate.anchor.subject} is already a trust anchor.`);
  await mkdir(dir, { recursive: true });
  for (const item of added) {
    const slug = foldName(item.anchor.commonName ?? item.anchor.organization ?? 'anchor').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'anchor';
    item.anchor.file = `${slug}-${item.anchor.sha256.slice(0, 12)}.cer`;
    await replaceFileContent(path.join(dir, item.anchor.file), item.der, 0o644);
  }
  return added.map(({ anchor }) => anchor);
}

export class AnchorExists extends Error {}
export class AnchorNotRemovable extends Error {}

/** Removes the file that holds the anchor; a PEM bundle with other certificates is left to IT staff. */
export async function removeTrustAnchor(dir: string, sha256: string): Promise<TrustAnchor | null> {
  const { anchors } = await listTrustAnchors(dir);
  const anchor = anchors.find((candidate) => candidate.sha256 === sha256);
  if (!anchor) return null;
  if (anchors.some((other) => other.file === anchor.file && other.sha256 !== sha256)) {
    throw new AnchorNotRemovable(`${anchor.file} also holds other certificates: edit it by hand in ${dir}.`);
  }
  await rm(path.join(dir, anchor.file));
  await syncDirectory(dir);
  return anchor;
}
