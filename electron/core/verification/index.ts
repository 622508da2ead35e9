/** The signature verification engine: what the service, the CLI and the store import. */
export { verifyPdf, type VerifyOptions } from './verify-pdf.js';
export { httpRevocationChecker, offlineRevocationChecker, type RevocationChecker, type RevocationResult } from './revocation.js';
export { certificatesIn, loadTrustAnchors, NotACertificate, type BadAnchorReport } from './anchor-certificates.js';
