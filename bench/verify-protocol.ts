/** Messages between bench/verify.ts and its forked child, which verifies every file in one process. */
export interface VerifyJob {
  type: 'verify';
  files: string[];
  /** DER trust anchor. */
  anchorFile: string;
}

export type VerifyResult = { type: 'done'; ms: number; peakRssBytes: number | null; passed: number } | { type: 'failed'; message: string };
