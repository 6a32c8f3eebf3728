// Builds the renderer once and serves it for the browser tests.
import type { TestProject } from 'vitest/node';
import { buildAndServe } from './serve-app';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await buildAndServe();
  project.provide('appUrl', server.url);
  return server.close;
}
