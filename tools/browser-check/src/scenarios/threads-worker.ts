// A Web Worker's module: runs threads-train (a page's main thread may not block on its helpers) and posts the digest.
import { train } from './threads-train.js';

train().then(
  (digest) => postMessage({ ok: true, digest }),
  (e: unknown) => postMessage({ ok: false, error: String((e as Error)?.stack ?? e) }),
);
