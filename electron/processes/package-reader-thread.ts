/**
 * Entry of the package reading thread (dist/core/package-reader.cjs), started by the sync process:
 * received packages are parsed there, on another core than the process's own thread (electron/core/exchange/edxml/package-reading-thread.ts). A bundle of its
 * own, so that the thread loads only the reading code.
 */
import { servePackageReading } from '../core/exchange/edxml/package-reading-thread.js';

servePackageReading();
