// @evoprop/tensor's multi-threaded wasm gemm: helper threads in Node, helper Web Workers in a browser
// (inside a Web Worker of a cross-origin-isolated page); the same row blocks, the same bytes.
import type { Digest } from '../digest.js';
import { train } from './threads-train.js';

/** threads-train here in Node, or in a Web Worker in the browser. */
export async function run(): Promise<Digest> {
  if (typeof Worker !== 'function') return train();
  const worker = new Worker(new URL('./threads-worker.ts', import.meta.url), { type: 'module' });
  try {
    const reply = await new Promise<{ ok: true; digest: Digest } | { ok: false; error: string }>((resolve) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => resolve({ ok: false, error: e.message });
    });
    if (!reply.ok) throw new Error(reply.error);
    return reply.digest;
  } finally {
    worker.terminate();
  }
}
