// Test runner configuration: every test under test/, except browser end-to-end and benchmarks which have their own entry points.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Builds the renderer and serves it for the browser tests in test/e2e.
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 20_000,
    // expect.poll waits for what a user would see; its 1 s default is too short on a loaded 2-core machine.
    expect: { poll: { timeout: 15_000 } },
  },
});
