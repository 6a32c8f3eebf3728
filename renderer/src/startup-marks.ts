// Performance marks of the start-up's steps, for the editor benchmark and support (DevTools shows them as timings).
export type StartupStep = 'modules-ready' | 'database-open' | 'lock-acquired' | 'records-read' | 'records-checked' | 'hydrated';

export function markStartup(step: StartupStep): void {
  if (performance.getEntriesByName(`yosan:${step}`).length === 0) performance.mark(`yosan:${step}`);
}
