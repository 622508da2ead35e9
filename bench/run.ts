/**
 * The benchmarks (`npm run bench -- [directory|hub|hub-desks|hub-feed|hub-ingest|hub-search|ingest|ocr|open|search|sign|verify|waiting|workflow] [--agencies N] [--docs N] [--repeat N] [--sizes N,N] [--keep DIR]`):
 * each compares VanThu's way against a naive peer in the same run and prints the ratios, then one
 * `GOAL` line per performance goal. Not part of `npm test`.
 */
import { directoryBench } from './directory.js';
import { hubDesksBench } from './hub-desks.js';
import { hubIngestBench } from './hub-ingest.js';
import { hubSearchBench } from './hub-search.js';
import { hubWorkflowBench } from './hub-workflow.js';
import { ingestBench } from './ingest.js';
import { ocrBench } from './ocr.js';
import { log, parseArgs, type BenchOptions } from './lib.js';
import { openBench } from './open.js';
import { searchBench } from './search.js';
import { signBench } from './sign.js';
import { verifyBench } from './verify.js';
import { waitingBench } from './waiting.js';

const BENCHES: Record<string, (options: BenchOptions) => Promise<boolean>> = {
  directory: directoryBench,
  // The hub's goals: at --docs documents (1M unless told), the desks' list, search and change
  // feed, then ingest from the axis (each alone too; --docs also sizes ingest's packages).
  'hub-desks': hubDesksBench,
  'hub-feed': (options) => hubDesksBench(options, { list: false, search: false, feed: true }),
  'hub-ingest': hubIngestBench,
  hub: async (options) => {
    const desks = await hubDesksBench(options);
    log();
    return (await hubIngestBench(options)) && desks;
  },
  'hub-search': hubSearchBench,
  ingest: ingestBench,
  ocr: ocrBench,
  open: openBench,
  search: searchBench,
  sign: signBench,
  verify: verifyBench,
  waiting: waitingBench,
  // GET /api/work for leaders and specialists on the same agency (--keep DIR reuses it).
  workflow: hubWorkflowBench,
};

async function main(): Promise<void> {
  const { names, options } = parseArgs(process.argv.slice(2));
  const selected = names.length > 0 ? names : Object.keys(BENCHES);
  const unknown = selected.filter((name) => !BENCHES[name]);
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  log(`node ${process.version}, ${process.platform}/${process.arch}; options ${JSON.stringify(options)}`);
  for (const name of selected) {
    log();
    await BENCHES[name]!(options);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
