// Each runtime is compiled with only its own types, as VS Code does: shared/ without Node or DOM,
// the renderer with DOM and no Node, the core and the axis with Node and no DOM, and
// electron/main + preload against Electron's own type definitions.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const projects = ['shared/tsconfig.json', 'renderer/tsconfig.json', 'renderer/tsconfig.node.json', 'tsconfig.json', 'electron/tsconfig.json'];
let failed = 0;
for (const project of projects) {
  const { status } = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', project], { cwd: root, stdio: 'inherit' });
  console.log(`tsc -p ${project}: ${status === 0 ? 'ok' : 'FAILED'}`);
  if (status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
