/**
 * docs/architecture.md says calls between processes that wait for an answer go through one
 * module, shared/rpc/rpc-peer.ts, and that only the channel adapters touch a raw message channel.
 * A second id → pending-promise table, or a module listening on a process's channel itself, fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

const files = ['electron', 'axis', 'hub', 'shared'].flatMap(sources).sort();
const matching = (pattern: RegExp) => files.filter((file) => pattern.test(readFileSync(path.join(root, file), 'utf8')));

describe('one RPC module', () => {
  it('keeps the table of calls waiting for an answer in rpc-peer.ts only', () => {
    expect(matching(/\.set\([^;]*\{[^}]*\bresolve\b[^}]*\breject\b/)).toEqual(['shared/rpc/rpc-peer.ts']);
  });

  it('lets only the channel adapters touch a process message channel', () => {
    // A utilityProcess's or Node child's channel, from either end, the port main hands the core
    // and a child under Electron, and a worker thread's, from either end; the reference axis is a separate
    // program with its own adapter for the same two channels.
    expect(matching(/\.on\(\s*['"]message['"]|\bparentPort\b|\bprocess\.send\b|\.postMessage\(/)).toEqual([
      'axis/server.ts',
      'electron/core/process/message-port.ts',
      'electron/core/process/node-child.ts',
      'electron/core/process/parent-link.ts',
      'electron/core/process/worker-channel.ts',
      'electron/main/utility-child.ts',
    ]);
  });
});
