// electron-builder's afterPack hook (electron-builder.yml): each packed app gets the pkcs11.node
// of its own platform and arch, or the build stops. With npmRebuild off, electron-builder copies
// node_modules as they are, so an arm64 app would otherwise carry this computer's x64 module.
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import builder from 'electron-builder';
import { PACKED_PKCS11, packedPkcs11Problem, pkcs11Binary } from './packaging/pkcs11-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {import('electron-builder').AfterPackContext} context */
export default async function afterPack(context) {
  const wanted = { platform: context.electronPlatformName, arch: builder.Arch[context.arch] };
  if (!(await packedPkcs11Problem(context.appOutDir, wanted))) return;
  const source = await pkcs11Binary(root, wanted);
  if ('problem' in source) throw new Error(source.problem);
  await copyFile(source.file, path.join(context.appOutDir, PACKED_PKCS11));
  const problem = await packedPkcs11Problem(context.appOutDir, wanted);
  if (problem) throw new Error(problem);
}
