/**
 * Entry of the hub's package reading thread (dist/hub/package-reader.cjs): the exchange's
 * received packages are parsed there, on another core than the hub's requests and PostgreSQL
 * round trips (electron/core/exchange/edxml/package-reading-thread.ts, exchange-runner.ts).
 */
import { servePackageReading } from '../../electron/core/exchange/edxml/package-reading-thread.js';

servePackageReading();
