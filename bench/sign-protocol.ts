/** Messages between bench/sign.ts and its forked signing child (one signing per child). */
export interface SignJob {
  type: 'sign';
  kind: 'ours' | 'peer';
  input: string;
  output: string;
  /** ours: the PKCS#11 module, token label, CKA_ID and PIN of the LEADER token. */
  module: string;
  tokenLabel: string;
  certificateId: string;
  pin: string;
  /** DER files: the leader certificate, then the CA (ours includes the chain from these). */
  certificateFiles: string[];
  /** peer: the same key and certificate as a .p12 (software key: @signpdf has no PKCS#11 signer). */
  p12: string;
  passphrase: string;
}

export type SignResult = { type: 'done'; ms: number; peakRssBytes: number | null; outputBytes: number } | { type: 'failed'; message: string };
