// Lint rules: typescript-eslint, React hooks, and the layer zones of ARCHITECTURE.md (enforced by path and by package).
import { builtinModules } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;
const NODE_BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/**
 * Where each folder's imports may lead. A relative import is resolved against the importing file and must land in
 * one of `mayImport` (folders from the repo root); a package import is checked against `packages` (an allow-list)
 * or `forbiddenPackages`; Node's built-ins only where `node` is true. test/ is no zone: tests may reach anything.
 */
export const LAYER_ZONES = [
  {
    zone: 'shared/',
    files: ['shared/**'],
    mayImport: ['shared'],
    packages: ['zod'],
    node: false,
    why: 'shared/ is pure TypeScript for both processes: nothing outside itself, no Node, only zod.',
  },
  {
    zone: 'renderer/src',
    files: ['renderer/src/**'],
    // assets/: the built-in sample (JSON) the first run opens.
    mayImport: ['renderer/src', 'shared', 'assets'],
    forbiddenPackages: ['electron', 'exceljs'],
    node: false,
    why: 'the renderer imports only shared/ and talks to the main process through src/desktop.ts.',
  },
  {
    zone: 'renderer/vite.config.ts',
    files: ['renderer/vite.config.ts'],
    mayImport: ['renderer', 'electron/services', 'shared'],
    forbiddenPackages: ['electron'],
    node: true,
    why: 'the dev server uses the Node core in electron/services, never Electron.',
  },
  {
    zone: 'electron/services',
    files: ['electron/services/**'],
    mayImport: ['electron/services', 'shared'],
    forbiddenPackages: ['electron', 'react', 'react-dom', 'dexie', 'zustand'],
    node: true,
    why: 'electron/services is the Node core the CLI, the tests and the dev server share: shared/ and Node, never Electron.',
  },
  {
    zone: 'electron/cli',
    files: ['electron/cli/**'],
    mayImport: ['electron/cli', 'electron/services', 'shared'],
    forbiddenPackages: ['electron', 'react', 'react-dom', 'dexie', 'zustand'],
    node: true,
    why: 'the command line runs the services without Electron.',
  },
  {
    zone: 'electron/main',
    files: ['electron/main/**'],
    mayImport: ['electron/main', 'electron/services', 'shared'],
    forbiddenPackages: ['react', 'react-dom', 'dexie', 'zustand'],
    node: true,
    why: 'electron/main is glue between Electron and the services.',
  },
  {
    zone: 'electron/preload',
    files: ['electron/preload/**'],
    mayImport: ['electron/preload', 'shared/ipc'],
    packages: ['electron'],
    node: false,
    why: 'the sandboxed preload may load only electron and the IPC channel names (types for the rest).',
  },
];

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isInside(relativePath, folder) {
  return relativePath === folder || relativePath.startsWith(`${folder}/`);
}

/** Why `specifier`, imported from `filename`, breaks `zone`; null when it may. */
export function zoneViolation(zone, filename, specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = path.relative(ROOT, path.resolve(path.dirname(filename), specifier)).split(path.sep).join('/');
    return zone.mayImport.some((folder) => isInside(target, folder)) ? null : `${target} is outside ${zone.mayImport.join(', ')}`;
  }
  const bare = specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(packageName(bare))) {
    return zone.node ? null : `Node's ${specifier} is not available here`;
  }
  const name = packageName(specifier);
  if (zone.packages && !zone.packages.includes(name)) return `the package ${name} is not one of ${zone.packages.join(', ')}`;
  if (zone.forbiddenPackages?.includes(name)) return `the package ${name} is not allowed here`;
  return null;
}

const layersPlugin = {
  rules: {
    zone: {
      meta: {
        type: 'problem',
        docs: { description: 'Keeps each folder to the imports its layer allows.' },
        schema: [{ type: 'object', additionalProperties: true }],
        messages: { outside: '{{zone}} may not import "{{specifier}}" ({{detail}}): {{why}}' },
      },
      create(context) {
        const zone = context.options[0];
        const check = (node, source) => {
          if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
          const detail = zoneViolation(zone, context.filename, source.value);
          if (detail !== null) {
            context.report({ node, messageId: 'outside', data: { zone: zone.zone, specifier: source.value, detail, why: zone.why } });
          }
        };
        return {
          ImportDeclaration: (node) => check(node, node.source),
          ExportNamedDeclaration: (node) => check(node, node.source),
          ExportAllDeclaration: (node) => check(node, node.source),
          ImportExpression: (node) => check(node, node.source),
          TSImportEqualsDeclaration: (node) =>
            node.moduleReference.type === 'TSExternalModuleReference' && check(node, node.moduleReference.expression),
        };
      },
    },
  },
};

/** One config block per zone; exported so test/lint-zones.test.ts lints fixtures with exactly these rules. */
export const layerConfigs = LAYER_ZONES.map((zone) => ({
  files: zone.files,
  plugins: { layers: layersPlugin },
  rules: { 'layers/zone': ['error', zone] },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ROOT } },
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
    // The Vite config runs in Node and has its own tsconfig (Node types stay out of renderer/src).
    files: ['renderer/vite.config.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './renderer/tsconfig.vite.json', tsconfigRootDir: ROOT } },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/src/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['renderer/src/**/*.tsx', 'renderer/src/**/use*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  ...layerConfigs,
);
