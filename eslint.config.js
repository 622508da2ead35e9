// Lint, and the layering of docs/architecture.md: a local rule (scripts/eslint/layers.js)
// resolves every import and checks it against the arrows renderer → shared, core → shared,
// main → core/shared, axis → shared, processes → core/main/shared (nothing imports
// processes); only electron/main, electron/preload and electron/processes import `electron`.
// Inside electron/core, each folder imports only the tiers below its own (CORE_TIERS there).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { layersRule } from './scripts/eslint/layers.js';
import { uiTextRule } from './scripts/eslint/ui-text.js';
import { sqlInStoreRule } from './scripts/eslint/sql-in-store.js';
import { sourceRefsRule } from './scripts/eslint/source-refs.js';
import { exchangeOnInterfaceRule } from './scripts/eslint/exchange-on-interface.js';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { vanthu: { rules: { layers: layersRule, 'ui-text': uiTextRule, 'sql-in-store': sqlInStoreRule, 'source-refs': sourceRefsRule, 'exchange-on-interface': exchangeOnInterfaceRule } } },
    rules: {
      'vanthu/layers': 'error',
      // Comments cite docs/ in the repository, never an outside specification or an issue number.
      'vanthu/source-refs': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['shared/**/*.ts'], languageOptions: { globals: {} } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Every text the clerk reads comes from shared/i18n/messages.ts (scripts/eslint/ui-text.js).
    files: ['renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.tsx'],
    rules: { 'vanthu/ui-text': 'error' },
  },
  {
    // Only store/ folders hold SQL (scripts/eslint/sql-in-store.js); tests may set up rows directly.
    files: ['electron/**/*.ts', 'axis/**/*.ts', 'hub/**/*.ts', 'shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'vanthu/sql-in-store': 'error' },
  },
  {
    // The exchange domain stands on the ExchangeStore interface only (scripts/eslint/exchange-on-interface.js).
    files: ['electron/core/exchange/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'vanthu/exchange-on-interface': 'error' },
  },
  {
    files: ['electron/**/*.ts', 'axis/**/*.ts', 'hub/**/*.ts', 'scripts/**/*.{js,mjs}', 'e2e/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // A spec that started the browser-mode host itself would run in browser mode under the
    // Electron project too, and count as an Electron pass.
    files: ['e2e/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['./app-harness.js'], message: 'Start the app through ./app-under-test.js, which follows the Playwright project (browser or Electron).' }] }],
    },
  },
);
