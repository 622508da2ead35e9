// Which OS and CPU a native module (.node) was compiled for, read from its file header (ELF,
// PE or Mach-O). The packaging checks it because a pkcs11.node of the wrong arch is packed
// without complaint and only fails on the clerk's computer, at the first signature.

const ELF_MACHINES = { 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'armv7l' };
const PE_MACHINES = { 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32' };
const MACHO_CPUS = { 0x01000007: 'x64', 0x0100000c: 'arm64' };

/**
 * @param {Uint8Array} bytes the start of the file (the first 4 KiB are enough)
 * @returns {{ platform: 'linux' | 'win32' | 'darwin', arch: string } | null} null when not a native binary we know
 */
export function nativeTarget(bytes) {
  if (bytes.length < 64) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) === 0x7f454c46) {
    const littleEndian = bytes[5] === 1;
    return { platform: 'linux', arch: ELF_MACHINES[view.getUint16(18, littleEndian)] ?? 'unknown' };
  }
  if (bytes[0] === 0x4d && bytes[1] === 0x5a) {
    const pe = view.getUint32(0x3c, true);
    if (pe + 6 > bytes.length || view.getUint32(pe) !== 0x50450000) return null;
    return { platform: 'win32', arch: PE_MACHINES[view.getUint16(pe + 4, true)] ?? 'unknown' };
  }
  if (view.getUint32(0, true) === 0xfeedfacf) return { platform: 'darwin', arch: MACHO_CPUS[view.getUint32(4, true)] ?? 'unknown' };
  if (view.getUint32(0) === 0xcafebabe) return { platform: 'darwin', arch: 'universal' };
  return null;
}

/**
 * Why a native module cannot serve a build for `wanted`, or null when it can.
 * @param {string} file @param {ReturnType<typeof nativeTarget>} found @param {{ platform: string, arch: string }} wanted
 */
export function nativeMismatch(file, found, wanted) {
  if (found && found.platform === wanted.platform && found.arch === wanted.arch) return null;
  return `${file} is ${found ? `${found.platform}-${found.arch}` : 'not a native module'}, not ${wanted.platform}-${wanted.arch}`;
}
