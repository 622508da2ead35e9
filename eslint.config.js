// The layering of docs/architecture.md, enforced the way VS Code's code-import-patterns does:
// each layer lists what it may not import. shared → nothing of ours; renderer → shared only;
// core → shared; axis → shared; only electron/main and electron/preload touch `electron`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noNode = { paths: nodeBuiltins, patterns: [] };

function restrict(paths, patterns) {
  return ['error', { paths: paths.map((name) => ({ name, message: 'this layer may not import it (docs/architecture.md)' })), patterns }];
}
const layer = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.property.name="only"]', message: 'no focused tests' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': restrict(
        [...noNode.paths, 'electron', 'better-sqlite3', 'react', 'react-dom'],
        [
          layer(['**/electron/**', '**/renderer/**', '**/axis/**', '**/scripts/**'], 'shared/ imports nothing of ours outside shared/'),
        ],
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(
        [...noNode.paths, 'electron', 'better-sqlite3'],
        [layer(['**/electron/**', '**/axis/**', '**/scripts/**'], 'the renderer talks to the core only through the API in shared/')],
      ),
    },
  },
  {
    files: ['electron/core/**/*.ts', 'axis/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'react', 'react-dom'],
        [
          layer(['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'], 'the core and the axis never import the shell or the UI'),
        ],
      ),
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'react', 'react-dom'],
        [layer(['**/renderer/**', '**/electron/main/**', '**/electron/preload/**', '**/axis/**'], 'the core never imports the shell, the UI or the reference axis')],
      ),
    },
  },
  {
    files: ['axis/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'react', 'react-dom'],
        [layer(['**/renderer/**', '**/electron/**'], 'the reference axis depends on shared/ only')],
      ),
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': restrict(['react', 'react-dom'], [layer(['**/renderer/**', '**/axis/**'], 'the shell never imports the UI or the reference axis')]),
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'e2e/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
