import { describe, expect, it } from 'vitest';
import { FlopMeter, recordFlops } from './flop-meter.js';

describe('FlopMeter', () => {
  it('counts only inside measure, nested meters each once', () => {
    const outer = new FlopMeter();
    const inner = new FlopMeter();
    recordFlops(1);
    outer.measure(() => {
      recordFlops(10);
      inner.measure(() => {
        recordFlops(100);
        outer.measure(() => recordFlops(1000)); // already measuring: counted once
      });
    });
    recordFlops(1);
    expect(outer.flops).toBe(1110);
    expect(inner.flops).toBe(1100);
    expect(outer.measuring).toBe(false);
  });

  it('does not count across an await inside measure: two async users are charged only their own work', async () => {
    const a = new FlopMeter();
    const b = new FlopMeter();
    const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
    const work = async (meter: FlopMeter, n: number) => {
      for (let i = 0; i < 5; i++) {
        meter.measure(() => recordFlops(n));
        await tick();
      }
    };
    // measure(async fn) counts the synchronous part only; the rest runs after it returned.
    const late = a.measure(async () => {
      recordFlops(7);
      await tick();
      recordFlops(1_000_000);
    });
    await Promise.all([work(a, 1), work(b, 100), late]);
    expect(a.flops).toBe(5 + 7);
    expect(b.flops).toBe(500);
  });

  it('keeps the deprecated start/stop working, without double counting', () => {
    const m = new FlopMeter();
    m.start();
    m.start();
    recordFlops(3);
    m.measure(() => recordFlops(4));
    m.stop();
    recordFlops(5);
    expect(m.flops).toBe(7);
    expect(m.measuring).toBe(false);
  });
});
