// app:info: the version and platform the About line shows.
import type { Handlers } from '../ipc/register';

export interface AppInfoPorts {
  version: string;
  /** `process.platform` (`win32`, …). */
  platform: string;
}

export function createAppHandlers(ports: AppInfoPorts): Pick<Handlers, 'app:info'> {
  return {
    'app:info': () => ({ status: 'ok', version: ports.version, platform: ports.platform }),
  };
}
