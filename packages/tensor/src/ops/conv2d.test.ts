import { describe, expect, it } from 'vitest';
import { onBackend, testBackends } from '../testing-fixtures/backends.js';
import { FlopMeter } from '../cost/flop-meter.js';
import { randn } from '../create.js';
import { Rng } from '../rng/rng.js';
import { conv2d } from './conv2d.js';
import { avgPool2d, maxPool2d } from './pool.js';

/** Direct seven-loop convolution, written from the definition: the reference for the im2col path. */
function naiveConv(
  x: Float32Array,
  [N, C, H, W]: number[],
  w: Float32Array,
  [O, Cg, kH, kW]: number[],
  s: number,
  p: number,
  d: number,
  groups: number,
): { data: Float64Array; shape: number[] } {
  const oH = Math.floor((H + 2 * p - d * (kH - 1) - 1) / s) + 1;
  const oW = Math.floor((W + 2 * p - d * (kW - 1) - 1) / s) + 1;
  const out = new Float64Array(N * O * oH * oW);
  const Og = O / groups;
  for (let n = 0; n < N; n++)
    for (let o = 0; o < O; o++)
      for (let i = 0; i < oH; i++)
        for (let j = 0; j < oW; j++) {
          let acc = 0;
          const g = Math.floor(o / Og);
          for (let c = 0; c < Cg; c++)
            for (let a = 0; a < kH; a++)
              for (let b = 0; b < kW; b++) {
                const ih = i * s - p + a * d;
                const iw = j * s - p + b * d;
                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                acc += x[((n * C + g * Cg + c) * H + ih) * W + iw] * w[((o * Cg + c) * kH + a) * kW + b];
              }
          out[((n * O + o) * oH + i) * oW + j] = acc;
        }
  return { data: out, shape: [N, O, oH, oW] };
}

describe.each(testBackends())('on the %s backend', (_, backend) => {
  onBackend(backend);

  describe('conv2d', () => {
    it.each([
      [1, 0, 1, 1],
      [2, 1, 1, 1],
      [1, 2, 2, 1],
      [2, 1, 1, 2],
      [1, 1, 1, 4], // depthwise
    ])('matches the direct definition (stride %i, padding %i, dilation %i, groups %i)', (s, p, d, groups) => {
      const rng = Rng.fromSeed(`conv-${s}-${p}-${d}-${groups}`);
      const x = randn([2, 4, 7, 6], rng);
      const w = randn([4, 4 / groups, 3, 3], rng);
      const y = conv2d(x, w, { stride: s, padding: p, dilation: d, groups });
      const ref = naiveConv(x.dataSync(), [...x.shape], w.dataSync(), [...w.shape], s, p, d, groups);
      expect(y.shape).toEqual(ref.shape);
      y.dataSync().forEach((v, i) => expect(v).toBeCloseTo(ref.data[i] as number, 4));
    });

    it('counts 2·N·O·L·K FLOPs for the gemm', () => {
      const rng = Rng.fromSeed(1);
      const meter = new FlopMeter();
      meter.measure(() => conv2d(randn([2, 3, 8, 8], rng), randn([5, 3, 3, 3], rng)));
      expect(meter.flops).toBe(2 * 2 * 5 * 36 * 27);
    });

    it('pools: known values', () => {
      const x = randn([1, 1, 4, 4], Rng.fromSeed(2));
      const d = x.dataSync();
      const mp = maxPool2d(x, { kernelSize: 2 });
      expect(Array.from(mp.dataSync())).toEqual(
        [
          Math.max(d[0], d[1], d[4], d[5]),
          Math.max(d[2], d[3], d[6], d[7]),
          Math.max(d[8], d[9], d[12], d[13]),
          Math.max(d[10], d[11], d[14], d[15]),
        ].map(Math.fround),
      );
      const ap = avgPool2d(x, { kernelSize: 2, stride: 2, padding: 1 });
      expect(ap.shape).toEqual([1, 1, 3, 3]);
      expect(ap.dataSync()[0]).toBeCloseTo(d[0] / 4, 6);
    });
  });
});
