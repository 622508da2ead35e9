/**
 * PAdES signing at the level the settings ask for: B-B, or B-T when a TSA URL is configured
 * (the signature time-stamp is fetched after the token has signed, before /Contents is written).
 */
import { signPdf, type SignPdfOptions } from '../pdf/sign-pdf.js';
import type { ByteRanges } from '../pdf/signature-placeholder.js';
import { timestampCms, type TimestampOptions } from './rfc3161.js';

export interface SignPadesOptions extends Omit<SignPdfOptions, 'completeCms'> {
  /** RFC 3161 time-stamp server; none signs B-B. */
  tsaUrl?: string;
  timestamp?: TimestampOptions;
}

export function signPades(input: string, output: string, options: SignPadesOptions): Promise<ByteRanges> {
  const { tsaUrl, timestamp, ...signOptions } = options;
  if (!tsaUrl) return signPdf(input, output, signOptions);
  return signPdf(input, output, { ...signOptions, completeCms: (cms) => timestampCms(cms, tsaUrl, timestamp) });
}
