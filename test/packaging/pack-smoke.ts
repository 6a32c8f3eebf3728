// `npm run package:smoke`: electron-builder packages a fresh build with electron-builder.yml, offline, into a Linux
// folder around a stand-in Electron (a file carrying Electron's fuse wire, at Electron's defaults), then reads back
// what it made: the fuses flipped as configured, app.asar holding exactly the app's files (with integrity hashes)
// and production node_modules, nothing unpacked. The real Windows build (`npm run dist`) downloads Electron; this
// checks everything of ours that it does, on a machine that cannot. Run by .ci/run; prints what it found.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freshBuild, listFiles, ROOT } from '../helpers/fresh-build';

const require = createRequire(import.meta.url);
const run = promisify(execFile);

interface AsarNode {
  files?: Record<string, AsarNode>;
  unpacked?: boolean;
  integrity?: { algorithm: string; hash: string };
}
const { readAsarHeader } = require('app-builder-lib/out/asar/asar') as {
  readAsarHeader(archive: string): Promise<{ header: string }>;
};
const { getConfig } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string): Promise<{ electronFuses?: Record<string, boolean> }>;
};

/** @electron/fuses' sentinel, and the fuse order of wire version 1 (FuseV1Options). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
/** What a downloaded Electron ships with (fuse docs: RunAsNode, NODE_OPTIONS, inspect and file:// privileges on). */
const ELECTRON_DEFAULTS = [true, false, true, true, false, false, false, true];
const ENABLE = 0x31;
const DISABLE = 0x30;

/** A folder electron-builder accepts as `electronDist`: the executable with a fuse wire, locales, version. */
async function standInElectron(dir: string, version: string): Promise<void> {
  await mkdir(path.join(dir, 'locales'), { recursive: true });
  await mkdir(path.join(dir, 'resources'), { recursive: true });
  const wire = Buffer.from([1, FUSE_ORDER.length, ...ELECTRON_DEFAULTS.map((on) => (on ? ENABLE : DISABLE))]);
  await writeFile(path.join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n# stand-in\n'), Buffer.from(SENTINEL), wire]), {
    mode: 0o755,
  });
  await writeFile(path.join(dir, 'version'), version);
  await writeFile(path.join(dir, 'LICENSE'), 'stand-in');
  for (const locale of ['ja', 'en-US', 'fr']) await writeFile(path.join(dir, 'locales', `${locale}.pak`), '');
}

function asarFiles(node: AsarNode, prefix = ''): Array<{ file: string; node: AsarNode }> {
  return Object.entries(node.files ?? {}).flatMap(([name, child]) => {
    const file = prefix ? `${prefix}/${name}` : name;
    return child.files ? asarFiles(child, file) : [{ file, node: child }];
  });
}

async function main(): Promise<void> {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) problems.push(what);
  };
  const electronVersion = (JSON.parse(await readFile(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string })
    .version;
  const work = await mkdtemp(path.join(os.tmpdir(), 'yosan-pack-'));
  const appDir = await freshBuild('yosan-pack-app-');
  try {
    // A bench run's leftovers, which must not ship.
    await mkdir(path.join(appDir, 'dist', 'bench'), { recursive: true });
    await writeFile(path.join(appDir, 'dist', 'bench', 'excel-child.mjs'), '');
    for (const file of ['package-lock.json', 'electron-builder.yml']) await copyFile(path.join(ROOT, file), path.join(appDir, file));
    await symlink(path.join(ROOT, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');
    const electronDist = path.join(work, 'electron');
    await standInElectron(electronDist, electronVersion);

    const started = Date.now();
    await run(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
        '--linux',
        'dir',
        '--config',
        'electron-builder.yml',
        `-c.electronDist=${electronDist}`,
        `-c.electronVersion=${electronVersion}`,
        '--publish',
        'never',
      ],
      { cwd: appDir, timeout: 300_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: 'true' } },
    );
    console.log(`electron-builder packaged the app in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const unpacked = path.join(appDir, 'release', 'linux-unpacked');
    const config = await getConfig(ROOT, 'electron-builder.yml');
    const binary = await readFile(path.join(unpacked, 'YosanDesk'));
    const at = binary.indexOf(SENTINEL) + SENTINEL.length;
    FUSE_ORDER.forEach((fuse, index) => {
      const want = config.electronFuses?.[fuse];
      const got = binary[at + 2 + index] === ENABLE;
      check(want === got, `fuse ${fuse}: ${got ? 'on' : 'off'} (Electron's default: ${ELECTRON_DEFAULTS[index] ? 'on' : 'off'})`);
    });

    const resources = await readdir(path.join(unpacked, 'resources'));
    check(resources.join(',') === 'app.asar', `resources/ holds only app.asar (found: ${resources.join(', ')})`);
    check(!existsSync(path.join(unpacked, 'resources', 'app.asar.unpacked')), 'nothing unpacked next to app.asar');

    const header = JSON.parse((await readAsarHeader(path.join(unpacked, 'resources', 'app.asar'))).header) as AsarNode;
    const inAsar = asarFiles(header);
    const appFiles = inAsar.filter(({ file }) => !file.startsWith('node_modules/')).map(({ file }) => file).sort();
    const expected = (await listFiles(appDir)).filter(
      (file) => file === 'package.json' || (/^dist\/(electron|renderer)\//.test(file) && !file.endsWith('.map')),
    );
    check(JSON.stringify(appFiles) === JSON.stringify(expected), `app.asar holds the app's files: ${appFiles.join(', ')}`);
    check(inAsar.every(({ node }) => node.integrity?.algorithm === 'SHA256' && !node.unpacked), 'every file in app.asar has a SHA256 integrity hash and none is unpacked');
    check(inAsar.some(({ file }) => file === 'node_modules/exceljs/package.json'), "production node_modules (exceljs, which main.cjs requires) are in app.asar");
    check(!inAsar.some(({ file }) => /^node_modules\/(electron|vite|vitest|@doyensec)\//.test(file)), 'no development packages in app.asar');
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(appDir, { recursive: true, force: true });
  }
  console.log(problems.length === 0 ? 'package smoke: all checks passed' : `package smoke: ${problems.length} checks failed`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

await main();
