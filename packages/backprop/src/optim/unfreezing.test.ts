import { describe, expect, it } from 'vitest';
import { adamw, sgd } from './aliases.js';
import { type GradientTransformation, applyUpdates } from './transform.js';
import { unfreezing } from './unfreezing.js';

const f32 = (...v: number[]) => Float32Array.from(v);
/** Stage 0 opens value 2, stage 1 also value 1, stage 2 everything. */
const topDown = (stage: number) => Uint8Array.from([stage >= 2 ? 1 : 0, stage >= 1 ? 1 : 0, 1]);

describe('unfreezing', () => {
  it('opens one more group every `every` steps; closed values never move, even under decoupled decay', () => {
    const t = unfreezing(adamw({ lr: 0.1, weightDecay: 0.5 }), { maskAt: topDown, every: 2, unit: 'steps' });
    let p: Float32Array = f32(1, 1, 1);
    let s = t.init(3);
    const moved: boolean[][] = [];
    for (let i = 0; i < 5; i++) {
      const [u, next] = t.update(f32(1, 1, 1), s, p);
      moved.push([...u].map((v) => v !== 0));
      p = applyUpdates(p, u);
      s = next;
    }
    expect(moved).toEqual([
      [false, false, true],
      [false, false, true],
      [false, true, true],
      [false, true, true],
      [true, true, true],
    ]);
    expect(s.count).toBe(5);
  });

  it('hands the inner transform zero gradients for the closed values', () => {
    const seen: number[][] = [];
    const spy: GradientTransformation<null> = {
      init: () => null,
      update: (g) => {
        seen.push([...g]);
        return [g, null];
      },
    };
    const t = unfreezing(spy, { maskAt: topDown, every: 1, unit: 'epochs' });
    t.update(f32(5, 6, 7), t.init(3), f32(0, 0, 0), { epoch: 1 });
    expect(seen).toEqual([[0, 6, 7]]);
  });

  it("with unit 'epochs' needs the epoch in the extras, and rejects a bad period", () => {
    const t = unfreezing(sgd({ lr: 1 }), { maskAt: topDown, every: 1, unit: 'epochs' });
    expect(() => t.update(f32(1, 1, 1), t.init(3), f32(0, 0, 0))).toThrow(
      /unfreezing.update: expected extras.epoch \(unit 'epochs'\), got no epoch/,
    );
    expect(() => unfreezing(sgd({ lr: 1 }), { maskAt: topDown, every: 0, unit: 'steps' })).toThrow(/every a positive integer, got 0/);
  });
});
