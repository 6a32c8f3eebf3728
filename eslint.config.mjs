// Lint rules: typescript-eslint, React hooks, and the layer boundaries of ARCHITECTURE.md.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'url', 'stream', 'zlib', 'worker_threads', 'util', 'events'];
// Bare builtin names are exact `paths` (a pattern 'path' would also match our own shared/domain/path).
const nodeMessage = 'Node is for the main process only.';
const nodeImports = [{ group: ['node:*'], message: nodeMessage }];
const nodePaths = nodeBuiltins.map((name) => ({ name, message: nodeMessage }));
const layer = (paths, patterns) => ({ 'no-restricted-imports': ['error', { paths: patterns.length > 0 ? [...paths, ...nodePaths] : paths, patterns }] });
const electronPath = { name: 'electron', message: 'Electron stays in electron/main/index.ts, ipc/ and the preload.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/**'],
    rules: layer(
      [electronPath, 'react', 'react-dom', 'dexie', 'exceljs', 'zustand'].map((p) =>
        typeof p === 'string' ? { name: p, message: 'shared/ is pure: no UI, storage or spreadsheet libraries.' } : p,
      ),
      nodeImports,
    ),
  },
  {
    files: ['renderer/src/**'],
    languageOptions: { globals: globals.browser },
    rules: layer([electronPath, { name: 'exceljs', message: 'Excel work belongs to the main process.' }], nodeImports),
  },
  {
    files: ['renderer/src/**/*.tsx', 'renderer/src/**/use*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['electron/main/services/**', 'electron/cli/**', 'electron/cli.ts'],
    rules: layer([{ name: 'electron', message: 'Services and the CLI run without Electron: keep them testable in Node.' }], []),
  },
);
