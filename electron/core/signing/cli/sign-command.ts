/**
 * What `npm run sign -- …` does (electron/processes/sign-cli.ts starts it): the signing of the app
 * from the command line, for IT staff and batch use. The CLI is its own process, so it owns the
 * token and loads the PKCS#11 library in-process. The PIN is never echoed nor logged.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { assetPath, DEFAULT_SEAL_IMAGE, DEFAULT_SIGNATURE_IMAGE, SIGNATURE_FONT } from '../assets.js';
import type { SignatureAppearance } from '../pdf/appearance.js';
import { inspectPng, PngImageError } from '../png-image.js';
import { TokenError } from '../pkcs11/token-error.js';
import { TokenService, type TokenCertificate, type TokenInfo } from '../pkcs11/token-service.js';
import { userTempDirs } from '../pkcs11/module-location.js';
import { signPades } from '../timestamp/sign-pades.js';
import { loadTrustAnchors } from '../../verification/anchor-certificates.js';
import { makeArchivalForm } from '../ltv/archival-form.js';
import { agencyLines, leaderAppearance, sealAppearance, textAppearance } from '../visible-signature.js';
import { SEAL_DIAMETER_MM } from '../../../../shared/api/limits.js';
import { UsageError } from '../../process/usage-error.js';
import { parseCliArgs, USAGE, type CliAppearance, type CliCommand } from './args.js';
import { agencyStamp, fillNumber, placeFields, signatureTarget, type SignatureTarget } from './issue-steps.js';
import { readPin } from './read-pin.js';

type SignCommand = Extract<CliCommand, { kind: 'sign' }>;

export async function runSignCli(argv: readonly string[]): Promise<void> {
  const command = parseCliArgs(argv);
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command.kind === 'archival') return archival(command);
  if (command.kind === 'fields') {
    const placed = await placeFields(command);
    process.stdout.write(`placed the fields in ${command.output}:\n${placed}\n`);
    return;
  }
  if (command.kind === 'number') {
    const values = await fillNumber(command);
    process.stdout.write(`filled ${command.output}: ${Object.entries(values).map(([name, value]) => `${name} "${value}"`).join(', ')}\n`);
    return;
  }
  // The document is checked before the token library is even loaded: its refusals need no token.
  const target = command.kind === 'sign' ? await signatureTarget(command) : null;
  // IT staff name the library; it is still never loaded from a temporary folder.
  const service = TokenService.load(command.module, { dataDir: null, tempDirs: userTempDirs() });
  try {
    if (command.kind === 'list') list(service);
    else await sign(service, command, target!);
  } finally {
    service.close();
  }
}

function list(service: TokenService): void {
  const tokens = service.listTokens();
  if (tokens.length === 0) {
    process.stdout.write('No token is inserted.\n');
    return;
  }
  for (const token of tokens) {
    const pinState = token.userPinLocked ? 'PIN LOCKED' : token.userPinFinalTry ? 'one PIN try left' : token.userPinCountLow ? 'few PIN tries left' : 'PIN ok';
    process.stdout.write(`token "${token.label}"  ${token.manufacturer} ${token.model}  serial ${token.serial}  (${pinState})\n`);
    const certificates = service.listCertificates(token.slot);
    if (certificates.length === 0) process.stdout.write('  (no certificates)\n');
    for (const certificate of certificates) {
      process.stdout.write(
        `  --cert ${certificate.id}  "${certificate.label}"  ${certificate.holder.text}\n` +
          `      issuer ${certificate.issuer.text}\n` +
          `      valid ${day(certificate.notBefore)} to ${day(certificate.notAfter)}` +
          `  usage ${certificate.keyUsage?.join(',') ?? 'any'}${certificate.hasPrivateKey ? '' : '  (no private key)'}\n`,
      );
    }
  }
}

async function sign(service: TokenService, command: SignCommand, target: SignatureTarget): Promise<void> {
  const token = findToken(service.listTokens(), command.token);
  if (token.userPinLocked) throw new TokenError({ code: 'pin_locked', message: 'The token PIN is locked; it must be unlocked with the SO PIN (PUK) by the issuer or IT staff.' });
  const certificates = service.listCertificates(token.slot);
  const certificate = certificates.find((candidate) => candidate.id === command.certificateId);
  if (!certificate) throw new UsageError(`token "${token.label}" holds no certificate with id ${command.certificateId} (see --list)`);
  const chain = buildChain(certificate, certificates, command.chain);
  const at = new Date();
  const place = command.step === 'agency' ? await agencyPlace(command, certificate, at) : { page: target.page, ...(target.rect ? { rect: target.rect } : {}), ...(target.visible ? { appearance: buildAppearance(command.appearance ?? { kind: 'signature' }, certificate, at) } : {}) };
  if (token.userPinFinalTry) await confirmFinalTry(command.allowFinalTry);

  const pin = await readPin(`PIN for token "${token.label}" (${certificate.holder.commonName ?? certificate.holder.text}): `);
  try {
    if (pin.length === 0) throw new UsageError('no PIN was given');
    await signPades(command.input, command.output, {
      fieldName: command.field,
      ...place,
      m: at,
      ...(certificate.holder.commonName ? { name: certificate.holder.commonName } : {}),
      ...(command.reason ? { reason: command.reason } : {}),
      ...(command.location ? { location: command.location } : {}),
      certificates: chain,
      // TokenService wipes the PIN it is given: hand it a copy, the original is wiped below.
      signer: async (data) => service.sign({ slot: token.slot, certificateId: certificate.id, pin: pin.slice(), data, mechanism: 'SHA256_RSA_PKCS' }),
      ...(command.tsaUrl ? { tsaUrl: command.tsaUrl } : {}),
    });
  } finally {
    pin.fill(0);
  }
  process.stdout.write(
    `signed ${command.output}: field "${command.field}", ${certificate.holder.text}, PAdES ${command.tsaUrl ? `B-T (time-stamp from ${command.tsaUrl})` : 'B-B'}, ${chain.length} certificate(s)\n`,
  );
}

/** The agency's stamp: the seal (or --seal) and the certificate's agency, email and time (or the --text lines). */
async function agencyPlace(command: SignCommand, certificate: TokenCertificate, at: Date) {
  const seal = command.appearance?.kind === 'seal' ? command.appearance : { kind: 'seal' as const, diameterMm: SEAL_DIAMETER_MM.default };
  return agencyStamp(command.input, {
    seal: readPng('--seal', seal.image ?? assetPath(DEFAULT_SEAL_IMAGE)),
    lines: seal.lines ?? agencyLines(certificate.holder, at),
    diameterMm: seal.diameterMm,
  });
}

async function archival({ input, output, tsaUrl, trust }: Extract<CliCommand, { kind: 'archival' }>): Promise<void> {
  const trustAnchors: Uint8Array[] = [];
  for (const source of trust) {
    try {
      trustAnchors.push(...(await loadTrustAnchors(source, (file, reason) => process.stderr.write(`sign: trust anchor ${file} skipped: ${reason}\n`))));
    } catch (error) {
      throw new UsageError(`--trust ${source} cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const result = await makeArchivalForm(input, output, { tsaUrl, trustAnchors });
  if (result.level === 'unsigned') {
    process.stdout.write(`${input} has no signature: copied unchanged to ${output}\n`);
    return;
  }
  const { certificates, ocsps, crls } = result.dss;
  process.stdout.write(
    `archival form ${output}: PAdES B-LTA, ${result.signatures} signature(s), document time-stamp ${result.timestamp} from ${tsaUrl}; DSS: ${certificates} certificate(s), ${ocsps} OCSP answer(s), ${crls} CRL(s)\n`,
  );
}

/** The app's visible signatures (visible-signature.ts), with the images of assets/ unless others are given. */
function buildAppearance(appearance: CliAppearance, certificate: TokenCertificate, at: Date): SignatureAppearance {
  if (appearance.kind === 'signature') return leaderAppearance(readPng('--image', appearance.image ?? assetPath(DEFAULT_SIGNATURE_IMAGE)));
  const font = readFileSync(assetPath(SIGNATURE_FONT));
  if (appearance.kind === 'text') return textAppearance(appearance.lines, font);
  return sealAppearance(readPng('--seal', appearance.image ?? assetPath(DEFAULT_SEAL_IMAGE)), appearance.diameterMm, appearance.lines ?? agencyLines(certificate.holder, at), font);
}

/** A PNG checked as the app checks an uploaded one; an opaque one is drawn but warned about. */
function readPng(option: string, file: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new UsageError(`${option} ${file} cannot be read`);
  }
  try {
    if (!inspectPng(bytes).transparent) process.stderr.write(`warning: ${file} has no transparent pixels; it will hide what is under it\n`);
  } catch (error) {
    if (error instanceof PngImageError) throw new UsageError(`${option} ${file}: ${error.message}`);
    throw error;
  }
  return bytes;
}

function findToken(tokens: TokenInfo[], label: string): TokenInfo {
  const matches = tokens.filter((token) => token.label === label);
  if (matches.length === 0) {
    const present = tokens.map((token) => `"${token.label}"`).join(', ');
    throw new TokenError({ code: 'token_absent', message: `No token labelled "${label}" is inserted${present ? ` (present: ${present})` : ''}.` });
  }
  if (matches.length > 1) throw new UsageError(`${matches.length} tokens are labelled "${label}"; leave only one inserted`);
  return matches[0]!;
}

/** The signer's certificate, then its issuers found on the token or in --chain, up to a root. */
function buildChain(leaf: TokenCertificate, onToken: TokenCertificate[], chainFile: string | undefined): Uint8Array[] {
  const pool = [...onToken.filter((candidate) => candidate.id !== leaf.id).map((candidate) => candidate.der), ...(chainFile ? readPemCertificates(chainFile) : [])];
  const chain = [leaf.der];
  let current = new X509Certificate(leaf.der);
  while (chain.length < 10 && !current.checkIssued(current)) {
    const issuerDer = pool.find((der) => {
      const candidate = new X509Certificate(der);
      return current.checkIssued(candidate) && current.verify(candidate.publicKey);
    });
    if (!issuerDer) break;
    chain.push(issuerDer);
    current = new X509Certificate(issuerDer);
  }
  return chain;
}

function readPemCertificates(file: string): Uint8Array[] {
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch {
    throw new UsageError(`--chain ${file} cannot be read`);
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new UsageError(`--chain ${file} holds no PEM certificate`);
  return blocks.map((block) => new Uint8Array(new X509Certificate(block).raw));
}

async function confirmFinalTry(allowed: boolean): Promise<void> {
  const warning = 'The token says only one PIN try is left: a wrong PIN now locks it.';
  if (!process.stdin.isTTY) {
    if (!allowed) throw new UsageError(`${warning} Run again with --allow-final-try to use it.`);
    return;
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${warning} Continue? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new UsageError('cancelled before the final PIN try');
  } finally {
    prompt.close();
  }
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
