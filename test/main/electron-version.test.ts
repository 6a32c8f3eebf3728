// A downgrade of Electron cannot slip in: package.json's range, the lock file and the installed package all stay at
// or above the supported minimum in electron/supported-electron.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(`${ROOT}/${relative}`, 'utf8')) as unknown;
}

const { minimumMajor } = readJson('electron/supported-electron.json') as { minimumMajor: number };
const packageJson = readJson('package.json') as { devDependencies?: Record<string, string>; dependencies?: Record<string, string> };
const lock = readJson('package-lock.json') as { packages: Record<string, { version?: string }> };
const installed = readJson('node_modules/electron/package.json') as { version: string };

function majorOf(version: string): number {
  const match = /^(\d+)\.\d+\.\d+/.exec(version);
  if (!match) throw new Error(`not a version: ${version}`);
  return Number(match[1]);
}

describe('the supported Electron', () => {
  it('names a supported minimum major (Electron supports only its newest three; 43–45 when 45 was chosen)', () => {
    expect(Number.isInteger(minimumMajor)).toBe(true);
    expect(minimumMajor).toBeGreaterThanOrEqual(45);
  });

  it('is what node_modules holds', () => {
    expect(majorOf(installed.version), `node_modules/electron is ${installed.version}`).toBeGreaterThanOrEqual(minimumMajor);
  });

  it('is what the lock file installs (npm ci)', () => {
    const locked = lock.packages['node_modules/electron']?.version;
    expect(locked).toBeDefined();
    expect(majorOf(locked!), `package-lock.json has electron ${locked}`).toBeGreaterThanOrEqual(minimumMajor);
  });

  it("is the least that package.json's range can resolve to", () => {
    const range = packageJson.devDependencies?.electron ?? packageJson.dependencies?.electron;
    expect(range, 'electron is a devDependency').toBeDefined();
    // Only ^X.Y.Z, ~X.Y.Z or X.Y.Z: their lowest match is X.Y.Z. Anything wider (>=, ||, *, x, tags) could resolve
    // to an older Electron, so it is refused here rather than reasoned about.
    const match = /^[\^~]?(\d+)\.(\d+)\.(\d+)$/.exec(range!);
    expect(match, `package.json's electron range "${range}" must be ^X.Y.Z, ~X.Y.Z or X.Y.Z`).not.toBeNull();
    expect(Number(match![1]), `package.json's electron range "${range}"`).toBeGreaterThanOrEqual(minimumMajor);
  });
});
