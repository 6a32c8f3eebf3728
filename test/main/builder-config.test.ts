// electron-builder.yml as electron-builder reads it: valid against its own schema, the fuses set, the Windows targets
// with ASCII artifact names, and `files` shipping exactly what a fresh build produces for the app (nothing in dist/bench).
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshBuild, listFiles, ROOT } from '../helpers/fresh-build';

const require = createRequire(import.meta.url);

interface FileMatcher {
  createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean;
}
interface AppBuilderConfig {
  getConfig(projectDir: string, configPath: string): Promise<BuilderConfig>;
}
interface AppBuilderFileMatcher {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformSpecificBuildOptions: object,
    platformPackager: object,
    outDir: string,
    isElectronCompile: boolean,
  ): FileMatcher[];
}
interface BuilderConfig {
  asar?: unknown;
  asarUnpack?: unknown;
  extraResources?: unknown;
  extraFiles?: unknown;
  executableName?: string;
  electronFuses?: Record<string, unknown>;
  files?: Array<{ filter?: string[]; from?: string; to?: string }>;
  win?: { target?: unknown; files?: unknown };
  nsis?: { artifactName?: string };
  portable?: { artifactName?: string };
  directories?: { output?: string; buildResources?: string };
  [key: string]: unknown;
}

// electron-builder's own loader, validator, schema and file matcher, so the test reads the file exactly as `npm run dist`.
const { getConfig } = require('app-builder-lib/out/util/config/config') as AppBuilderConfig;
const { getMainFileMatchers } = require('app-builder-lib/out/fileMatcher') as AppBuilderFileMatcher;
const schema = require('app-builder-lib/scheme.json') as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
const { version } = require('../../package.json') as { version: string };
/** The minimatch electron-builder matches `files` with (its own dependency), with its options. */
const { Minimatch } = createRequire(require.resolve('app-builder-lib/package.json'))('minimatch') as {
  Minimatch: new (pattern: string, options: { dot: boolean }) => { match(file: string): boolean };
};

/** The fuses issue 13 asks for; every other fuse @electron/fuses knows is off too (see electron-builder.yml). */
const EXPECTED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
  loadBrowserProcessSpecificV8Snapshot: false,
};

let config: BuilderConfig;
let appDir: string;

/** The app's files that electron-builder's matcher for `files` takes (node_modules are collected separately). */
async function shippedFiles(dir: string): Promise<string[]> {
  const packager = {
    info: {
      isPrepackedAppAsar: false,
      config,
      projectDir: dir,
      buildResourcesDir: path.join(dir, config.directories?.buildResources ?? 'build'),
      debugLogger: { isEnabled: false },
    },
  };
  const outDir = path.join(dir, config.directories?.output ?? 'dist');
  const matchers = getMainFileMatchers(dir, path.join(dir, 'app'), (p) => p, config.win ?? {}, packager, outDir, false);
  expect(matchers).toHaveLength(1);
  const filter = matchers[0]!.createFilter();
  const taken: string[] = [];
  // As electron-builder's copy walks: a folder the filter refuses is not entered.
  const walk = async (relative: string): Promise<void> => {
    for (const name of await readdir(path.join(dir, relative))) {
      const child = relative === '' ? name : `${relative}/${name}`;
      const full = path.join(dir, child);
      const info = await stat(full);
      if (child === 'node_modules' || !filter(full, info)) continue;
      if (info.isDirectory()) await walk(child);
      else taken.push(child);
    }
  };
  await walk('');
  return taken.sort();
}

beforeAll(async () => {
  config = await getConfig(ROOT, 'electron-builder.yml');
  appDir = await freshBuild('yosan-builder-');
  // What a bench run leaves in dist/ must never ship.
  await mkdir(path.join(appDir, 'dist', 'bench', 'work'), { recursive: true });
  await writeFile(path.join(appDir, 'dist', 'bench', 'excel-child.mjs'), '');
  await writeFile(path.join(appDir, 'dist', 'bench', 'excel-import-worker.cjs'), '');
  await writeFile(path.join(appDir, 'dist', 'bench', 'work', 'book.xlsx'), '');
}, 120_000);

afterAll(async () => {
  if (appDir) await rm(appDir, { recursive: true, force: true });
});

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's JSON schema (app-builder-lib/scheme.json), without type coercion", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('flips the fuses: no RunAsNode, NODE_OPTIONS or --inspect; asar integrity, asar only and cookie encryption on', () => {
    expect(config.electronFuses).toEqual(EXPECTED_FUSES);
    // Every fuse electron-builder can set is decided here, so a new one is a decision rather than Electron's default.
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties).filter((name) => name !== 'resetAdHocDarwinSignature');
    expect(Object.keys(EXPECTED_FUSES).sort()).toEqual(known.sort());
  });

  it('keeps every file of the app inside app.asar, where the integrity fuse checks it', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack ?? null).toBeNull();
    expect(config.extraResources ?? null).toBeNull();
    expect(config.extraFiles ?? null).toBeNull();
  });

  it('builds an installer and a portable executable for Windows, each with its own ASCII file name', () => {
    expect(config.win?.target).toEqual(['nsis', 'portable']);
    const expand = (template: string | undefined) => (template ?? '').replaceAll('${version}', version).replaceAll('${ext}', 'exe');
    const installer = expand(config.nsis?.artifactName);
    const portable = expand(config.portable?.artifactName);
    expect(installer).toBe(`yosan-desk-${version}-setup.exe`);
    expect(portable).toBe(`yosan-desk-${version}-portable.exe`);
    for (const name of [installer, portable, config.executableName]) {
      expect(name, String(name)).toMatch(/^[A-Za-z0-9._-]+$/);
    }
  });

  it('ships exactly what a fresh build produces for the app: no source maps, nothing from dist/bench', async () => {
    const built = await listFiles(appDir);
    const shipped = await shippedFiles(appDir);
    const expected = built.filter(
      (file) => file === 'package.json' || (/^dist\/(electron|renderer)\//.test(file) && !file.endsWith('.map')),
    );
    expect(shipped).toEqual(expected);
    // Every bundle electron/build.mjs writes is loaded by the app, so each must ship (a new entry must be listed).
    expect(built.filter((file) => /^dist\/electron\/[^/]+\.cjs$/.test(file)).every((file) => shipped.includes(file))).toBe(true);
    expect(shipped).toContain('dist/renderer/index.html');
    expect(shipped.some((file) => file.startsWith('dist/bench/'))).toBe(false);
  });

  it('lists no pattern that matches nothing in a fresh build', async () => {
    const built = await listFiles(appDir);
    const patterns = (config.files ?? []).flatMap((set) => set.filter ?? []).filter((pattern) => !pattern.startsWith('!'));
    for (const pattern of patterns) {
      const matcher = new Minimatch(pattern, { dot: true });
      expect(built.some((file) => matcher.match(file)), pattern).toBe(true);
    }
  });
});
