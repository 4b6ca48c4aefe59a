import { recordFlops } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { CostMeter, zeroCost } from './cost.js';

describe('CostMeter', () => {
  it('charges kernel FLOPs inside measure only, and none inside unmetered', () => {
    const meter = new CostMeter();
    recordFlops(1);
    const r = meter.measure(() => {
      recordFlops(10);
      meter.unmetered(() => recordFlops(100));
      meter.measure(() => recordFlops(1000));
      return 'done';
    });
    meter.addFlops(5);
    expect(r).toBe('done');
    expect(meter.cost().flops).toBe(1015);
  });

  it('starts from a checkpoint cost and counts on from it', () => {
    const meter = new CostMeter({ ...zeroCost(), flops: 50, evaluations: 3, generations: 2, wallSeconds: 1 });
    meter.measure(() => recordFlops(7));
    meter.addEvaluations(4);
    meter.addGenerations();
    const c = meter.cost();
    expect([c.flops, c.evaluations, c.generations]).toEqual([57, 7, 3]);
    expect(c.wallSeconds).toBeGreaterThanOrEqual(1);
  });

  it('keeps two interleaved async fits apart', async () => {
    const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
    const spend = async (meter: CostMeter, n: number) => {
      meter.startClock();
      for (let i = 0; i < 4; i++) {
        meter.measure(() => recordFlops(n));
        await tick();
      }
      meter.stopClock();
    };
    const a = new CostMeter();
    const b = new CostMeter();
    await Promise.all([spend(a, 1), spend(b, 1000)]);
    expect(a.cost().flops).toBe(4);
    expect(b.cost().flops).toBe(4000);
    expect(a.cost().wallSeconds).toBeGreaterThan(0);
  });

  it('pauses the clock while stopped and inside unmetered', () => {
    const meter = new CostMeter();
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    busy(20); // clock not started
    meter.measure(() => meter.unmetered(() => busy(20)));
    expect(meter.cost().wallSeconds).toBeLessThan(0.015);
  });
});
