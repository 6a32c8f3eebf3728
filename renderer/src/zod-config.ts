// zod's global settings for the renderer: imported first by main.tsx, so they hold before any schema is built.
import { z } from 'zod';

// No JIT: zod otherwise probes `new Function('')` and compiles object parsers with it. The app's CSP has no
// 'unsafe-eval', so the probe failed anyway (zod fell back to this same interpreter) but the browser reported each
// try as a CSP violation on every page load.
z.config({ jitless: true });
