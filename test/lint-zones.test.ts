// The layer zones of ARCHITECTURE.md are enforced: the linter refuses each forbidden import (fixtures in
// test/fixtures/lint, linted as if they stood in the zone), and Node's types do not reach renderer/src.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string): string => readFileSync(path.join(ROOT, 'test/fixtures/lint', name), 'utf8');

interface ConfigModule {
  default: Linter.Config[];
  layerConfigs: Linter.Config[];
}

let eslint: ESLint;
let configModule: ConfigModule;

beforeAll(async () => {
  configModule = (await import(pathToFileURL(path.join(ROOT, 'eslint.config.mjs')).href)) as ConfigModule;
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    // Only the parser and the zones: type-aware rules need files on disk, these fixtures are linted at a made-up path.
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...configModule.layerConfigs],
  });
});

/** The zone messages ESLint gives `fixtureName` when it stands at `placedAt`. */
async function zoneMessages(fixtureName: string, placedAt: string): Promise<string[]> {
  const [result] = await eslint.lintText(fixture(fixtureName), { filePath: path.join(ROOT, placedAt) });
  if (!result) throw new Error('no lint result');
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'layers/zone').map((m) => m.message);
}

describe('lint zones', () => {
  it('are part of the configuration `npm run lint` uses', () => {
    for (const block of configModule.layerConfigs) expect(configModule.default).toContain(block);
  });

  it.each([
    ['renderer-imports-services.ts', 'renderer/src/fixture.ts', /\(electron\/services\/files is outside/],
    ['renderer-imports-main.ts', 'renderer/src/fixture.ts', /\(electron\/main\/dialogs is outside/],
    ['renderer-imports-node.ts', 'renderer/src/fixture.ts', /Node's node:fs/],
    ['renderer-imports-electron.ts', 'renderer/src/fixture.ts', /package electron/],
    ['services-imports-electron.ts', 'electron/services/fixture.ts', /package electron/],
    ['services-imports-main.ts', 'electron/services/fixture.ts', /\(electron\/main\/print is outside/],
    ['services-imports-renderer.ts', 'electron/services/fixture.ts', /\(renderer\/src\/desktop is outside/],
    ['shared-imports-renderer.ts', 'shared/fixture.ts', /\(renderer\/src\/desktop is outside/],
    ['shared-imports-services.ts', 'shared/fixture.ts', /\(electron\/services\/files is outside/],
    ['shared-imports-node.ts', 'shared/fixture.ts', /Node's node:path/],
    ['shared-imports-react.ts', 'shared/fixture.ts', /package react is not one of zod/],
    ['cli-imports-electron.ts', 'electron/cli/fixture.ts', /package electron/],
    ['preload-imports-services.ts', 'electron/preload/fixture.ts', /\(electron\/services\/files is outside/],
  ])('refuse %s in %s', async (name, placedAt, expected) => {
    const messages = await zoneMessages(name, placedAt);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(expected);
  });

  it.each([
    ['renderer-allowed.ts', 'renderer/src/fixture.ts'],
    ['services-allowed.ts', 'electron/services/fixture.ts'],
    ['shared-allowed.ts', 'shared/fixture.ts'],
  ])('accept what %s imports in its own zone', async (name, placedAt) => {
    expect(await zoneMessages(name, placedAt)).toEqual([]);
  });

  it('hold the same import to the zone it stands in (a test file may reach anything)', async () => {
    expect(await zoneMessages('renderer-imports-services.ts', 'test/fixture.ts')).toEqual([]);
    expect(await zoneMessages('services-imports-electron.ts', 'electron/main/fixture.ts')).toEqual([]);
  });
});

describe('renderer types', () => {
  it("do not know Node's Buffer or process (the Vite config has its own tsconfig)", () => {
    const configPath = path.join(ROOT, 'renderer/tsconfig.json');
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (!parsed) throw new Error('renderer/tsconfig.json did not parse');
    expect(parsed.fileNames.some((f) => f.endsWith('vite.config.ts'))).toBe(false);
    const probe = path.join(ROOT, 'renderer/src/__node-probe.ts');
    const host = ts.createCompilerHost(parsed.options);
    const text = 'export const leaked: number = Buffer.byteLength("x") + process.pid;\n';
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.readFile = (f) => (f === probe ? text : readFile(f));
    host.fileExists = (f) => f === probe || fileExists(f);
    host.getSourceFile = (f, language, ...rest) =>
      f === probe ? ts.createSourceFile(f, text, language) : getSourceFile(f, language, ...rest);
    const program = ts.createProgram({ rootNames: [probe], options: parsed.options, host });
    const unknownNames = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === probe)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(unknownNames).toEqual([
      expect.stringContaining("Cannot find name 'Buffer'"),
      expect.stringContaining("Cannot find name 'process'"),
    ]);
  });
});
