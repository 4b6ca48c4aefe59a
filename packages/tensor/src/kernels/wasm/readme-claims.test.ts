import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsGemm } from '../js-gemm.js';
import { wasmGemm } from './wasm-gemm.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const filled = (n: number, f: (i: number) => number) => Float32Array.from({ length: n }, (_, i) => f(i));

// The README's words about how the wasm kernels relate to the TypeScript ones, held against
// what the kernels do: the JS gemm accumulates in float64, the wasm gemm in float32 lanes.
describe('the README on wasm against TypeScript kernels', () => {
  const [m, n, k] = [64, 48, 700];
  const a = filled(m * k, (i) => Math.sin(i));
  const b = filled(k * n, (i) => Math.cos(1.3 * i));
  const js = new Float32Array(m * n);
  const wasm = new Float32Array(m * n);
  jsGemm(false, false, m, n, k, a, b, js, false);
  wasmGemm(1)(false, false, m, n, k, a, b, wasm, false);

  it('products differ by float32 rounding, not more, and not bit for bit', () => {
    let differing = 0;
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < m * n; i++) {
      if (js[i] !== wasm[i]) differing++;
      worst = Math.max(worst, Math.abs((js[i] as number) - (wasm[i] as number)));
      scale = Math.max(scale, Math.abs(js[i] as number));
    }
    expect(differing).toBeGreaterThan(0);
    expect(worst).toBeLessThan(k * 2 ** -24 * scale);
  });

  it('does not call products bit-identical, and says they agree to float32 rounding', () => {
    expect(readme).not.toMatch(/All of these are bit-identical to the TypeScript kernels/);
    expect(readme).toMatch(/The products — so `matmul` and `conv2d`, forward and backward — are not/);
    expect(readme).toMatch(/agree to float32 rounding .*not bit for bit \(tested\)/);
  });
});
