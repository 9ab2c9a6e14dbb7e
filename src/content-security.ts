// Imported first by the app's entry: settings the page's Content-Security-Policy (index.html)
// needs before any module runs code. The page allows no eval; zod probes for it with
// `new Function`, which the browser reports as a policy violation even when the probe's error is
// caught. Its jitless mode skips the probe (the engine's worker, which has no such policy, keeps
// the fast path).
import { z } from "zod";

z.config({ jitless: true });
