import type { FitResult } from '@evoprop/core';

/** What a scenario reports: plain JSON, compared for exact equality between Node and the browser. */
export type Digest = Readonly<Record<string, unknown>>;

/** FNV-1a over the bytes of `values`: equal only for bit-identical arrays (NaN payloads included). */
export function fingerprint(values: Float32Array | Float64Array | Uint8Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193) >>> 0;
  return `${bytes.length}:${h.toString(16).padStart(8, '0')}`;
}

/** A fit's result without its wall time: status, metrics, the countable costs and the trained parameters' bytes. */
export function fitDigest(result: FitResult): Digest {
  const { wallSeconds: _, ...cost } = result.cost;
  return {
    status: result.status,
    metrics: result.metrics,
    cost,
    events: result.history.length,
    params: fingerprint(result.model.params.vector),
  };
}
