/** Object identifiers of the PAdES CMS and its time-stamps (RFC 5652, RFC 5035, RFC 8017, RFC 3161). */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  /** id-aa-signatureTimeStampToken (RFC 3161 Appendix A). */
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  /** id-ct-TSTInfo, the content type of a TimeStampToken. */
  tstInfo: '1.2.840.113549.1.9.16.1.4',
} as const;
