// Some tests fork the bundles of dist/ (the processes as the app runs them): build them first
// when a source is newer than the last build, so a stale bundle can never pass.
import { ensureFreshBuild } from '../scripts/fresh-build.mjs';

export default function setup(): void {
  ensureFreshBuild();
}
