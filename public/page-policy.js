// Runs before any module of the app (a classic script executes before the deferred module
// scripts). The page's Content-Security-Policy allows no eval; zod probes for it with
// `new Function` while schemas are created at module load, and the browser reports the probe
// as a policy violation even though zod catches the error. Zod reads this shared config object
// and, in jitless mode, skips the probe. The engine's worker has no such policy and keeps the
// fast path.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
