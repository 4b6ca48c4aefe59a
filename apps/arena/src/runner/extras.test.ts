import { describe, expect, it } from 'vitest';
import { sanitizeExtras } from './extras.js';

describe('sanitizeExtras', () => {
  it('drops checkpoints and wall-clock fields at any depth, keeps the rest', () => {
    const e = sanitizeExtras({
      strategy: 'cma-es',
      checkpoint: { state: [1, 2] },
      schedule: [{ step: 1, lr: 0.1, cost: { flops: 3, wallSeconds: 0.2 } }],
    });
    expect(e).toEqual({ strategy: 'cma-es', schedule: [{ step: 1, lr: 0.1, cost: { flops: 3 } }] });
  });
  it('keeps only scalars of oversized extras', () => {
    expect(sanitizeExtras({ n: 3, big: Array.from({ length: 20_000 }, (_, i) => i) })).toEqual({ n: 3, truncated: true });
  });
  it('maps absent extras to null', () => {
    expect(sanitizeExtras(undefined)).toBeNull();
  });
});
