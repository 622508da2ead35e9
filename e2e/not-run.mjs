// The words a skip's reason carries when the Electron project's tests did not run for want of an
// Electron binary: e2e/app-under-test.ts writes them, scripts/test.mjs counts the tests by them.
// Plain JavaScript, so that the test runner script can import it without Playwright or a build.
export const ELECTRON_NOT_RUN = 'packaged-app e2e not run';
