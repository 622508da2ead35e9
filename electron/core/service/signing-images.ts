/**
 * The images of visible signatures, chosen in Settings. Design (docs/architecture.md, "Signing
 * images"): the leader's handwritten signature belongs to the signer's certificate, keyed by the
 * SHA-256 of its DER, so several leaders sharing a clerk's computer each sign with their own;
 * without one, this computer's default, then assets/signature-default.png. The seal and its
 * diameter belong to the agency, and a data folder belongs to one agency: plain settings, then
 * assets/seal-default.png. The PNGs live in the blob store (hash-verified reads), the settings
 * name them by SHA-256 with the facts the screen shows.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ApiError } from '../../../shared/api/errors.js';
import { SEAL_DIAMETER_MM } from '../../../shared/api/limits.js';
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import type { CertificateImageInfo, SigningImage, SigningImageInfo, SigningImageKind, SigningSettings } from '../../../shared/api/signing.js';
import { assetPath, DEFAULT_SEAL_IMAGE, DEFAULT_SIGNATURE_IMAGE } from '../signing/assets.js';
import { inspectPng, PngImageError } from '../signing/png-image.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction, type Db } from '../store/database.js';
import { deleteValue, readValue, readValuesByPrefix, writeValue } from '../store/key-value.js';
import type { CoreContext } from './handlers.js';

/** This computer's default signature image, and the agency's seal: a StoredImage each. */
const SIGNATURE_IMAGE_SETTING = 'signing.signatureImage';
export const SEAL_IMAGE_SETTING = 'signing.sealImage';
/** One certificate's signature image: this prefix and the certificate's SHA-256. */
const CERTIFICATE_IMAGE_PREFIX = `${SIGNATURE_IMAGE_SETTING}.`;
/** The seal's real diameter in millimetres. */
const SEAL_DIAMETER_SETTING = 'signing.sealDiameterMm';

interface StoredImage extends SigningImageInfo {
  /** Certificate images only: the holder's name when it was chosen. */
  holder?: string;
}

function settingKey(kind: SigningImageKind, certificateSha256: string | undefined): string {
  if (kind === 'seal') return SEAL_IMAGE_SETTING;
  return certificateSha256 ? `${CERTIFICATE_IMAGE_PREFIX}${certificateSha256}` : SIGNATURE_IMAGE_SETTING;
}

const infoOf = ({ sha256, size, width, height, transparent }: StoredImage): SigningImageInfo => ({ sha256, size, width, height, transparent });

export function storedImages(db: Db): SigningSettings['images'] {
  const rows = readValuesByPrefix<StoredImage>(db, 'settings', CERTIFICATE_IMAGE_PREFIX);
  const certificates: CertificateImageInfo[] = rows.map(({ key, value: stored }) => {
    return { certificateSha256: key.slice(CERTIFICATE_IMAGE_PREFIX.length), holder: stored.holder ?? '', image: infoOf(stored) };
  });
  const level = (key: string) => {
    const stored = readValue<StoredImage>(db, 'settings', key);
    return stored ? infoOf(stored) : null;
  };
  return { signature: level(SIGNATURE_IMAGE_SETTING), seal: level(SEAL_IMAGE_SETTING), certificates };
}

export function sealDiameterMm(db: Db): number {
  return readValue<number>(db, 'settings', SEAL_DIAMETER_SETTING) ?? SEAL_DIAMETER_MM.default;
}

/** The SHA-256 of a certificate's DER: the key of its signature image. */
export const certificateSha256Of = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

/** An image and where it comes from, as a signature draws it. */
interface ImageBytes {
  png: Uint8Array;
  source: SigningImage['source'];
  info: SigningImageInfo;
}

/** The stored image that applies (the certificate's, else the setting), or null for the default. */
function storedChoice(ctx: CoreContext, kind: SigningImageKind, certificateSha256: string | undefined): { stored: StoredImage; source: SigningImage['source'] } | null {
  const keys = kind === 'seal' ? [SEAL_IMAGE_SETTING] : [...(certificateSha256 ? [settingKey(kind, certificateSha256)] : []), SIGNATURE_IMAGE_SETTING];
  for (const key of keys) {
    const stored = readValue<StoredImage>(ctx.db, 'settings', key);
    if (stored) return { stored, source: key === SIGNATURE_IMAGE_SETTING || key === SEAL_IMAGE_SETTING ? 'setting' : 'certificate' };
  }
  return null;
}

/** The image a signature uses now: the certificate's, else the setting, else the default in assets/. */
export async function effectiveImage(ctx: CoreContext, kind: SigningImageKind, certificateSha256?: string): Promise<ImageBytes> {
  const choice = storedChoice(ctx, kind, certificateSha256);
  if (choice) return { png: await ctx.blobs.read(choice.stored.sha256), source: choice.source, info: infoOf(choice.stored) };
  return defaultImage(kind);
}

/** The same image for the Settings preview, by link (never as bytes in the reply). */
export async function imageLink(ctx: CoreContext, kind: SigningImageKind, certificateSha256?: string): Promise<SigningImage> {
  const served = { fileName: `${kind}.png`, contentType: 'image/png', disposition: 'inline' as const };
  const choice = storedChoice(ctx, kind, certificateSha256);
  if (choice) {
    const { sha256, size } = choice.stored;
    return { url: ctx.files.grant({ ...served, path: ctx.blobs.pathOf(sha256), size }, { sha256 }), source: choice.source, info: infoOf(choice.stored) };
  }
  const { info } = await defaultImage(kind);
  return { url: ctx.files.grant({ ...served, path: defaultImagePath(kind), size: info.size }), source: 'default', info };
}

const defaultImagePath = (kind: SigningImageKind) => assetPath(kind === 'seal' ? DEFAULT_SEAL_IMAGE : DEFAULT_SIGNATURE_IMAGE);

/** The defaults in assets/ never change while the app runs: read, hashed and decoded once per kind. */
const defaultImages = new Map<SigningImageKind, Promise<ImageBytes>>();
function defaultImage(kind: SigningImageKind): Promise<ImageBytes> {
  let image = defaultImages.get(kind);
  if (!image) {
    image = readFile(defaultImagePath(kind)).then((bytes) => {
      const png = new Uint8Array(bytes);
      return { png, source: 'default' as const, info: { sha256: createHash('sha256').update(png).digest('hex'), size: png.length, ...inspectPng(png) } };
    });
    // A failed read is not kept: the next call tries again.
    image.catch(() => defaultImages.delete(kind));
    defaultImages.set(kind, image);
  }
  return image;
}

/** Stores (or removes, png null) an image, with its audit row in the same transaction. */
export async function setImage(ctx: CoreContext, input: ApiParsedInput<'signing.setImage'>): Promise<void> {
  const key = settingKey(input.kind, input.certificateSha256);
  let stored: StoredImage | null = null;
  if (input.png) {
    let facts: ReturnType<typeof inspectPng>;
    try {
      facts = inspectPng(input.png);
    } catch (error) {
      if (error instanceof PngImageError) throw new ApiError('invalid_input', `The ${input.kind} image was refused: ${error.message}.`, { png: error.message });
      throw error;
    }
    const blob = await ctx.blobs.putBytes(input.png);
    stored = { ...blob, ...facts, ...(input.certificateSha256 ? { holder: input.holder ?? '' } : {}) };
  }
  writeTransaction(ctx.db, () => {
    if (stored) writeValue(ctx.db, 'settings', key, stored);
    else deleteValue(ctx.db, 'settings', key);
    appendAudit(ctx.db, {
      actor: ctx.actor,
      action: 'signing.image',
      details: { kind: input.kind, certificate: input.certificateSha256 ?? null, holder: stored?.holder ?? null, png: stored?.sha256 ?? null },
    });
  });
}

export function setSealDiameter(ctx: CoreContext, mm: number): void {
  writeTransaction(ctx.db, () => {
    writeValue(ctx.db, 'settings', SEAL_DIAMETER_SETTING, mm);
    appendAudit(ctx.db, { actor: ctx.actor, action: 'signing.sealDiameter', details: { mm } });
  });
}
