import { mlp } from '@evoprop/core';
import { Rng, Tensor, noGrad } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { paintSubstrate, writeSubstrateWeights } from './substrate.js';

// 2 inputs at x = ±1, 3 hidden at x = −1, 0, 1, 1 output at the centre; y = layer height.
const substrate = {
  layers: [
    [
      [-1, -1],
      [1, -1],
    ],
    [
      [-1, 0],
      [0, 0],
      [1, 0],
    ],
    [[0, 1]],
  ] as const,
};
// A hand-made CPPN: o = sigmoid(x1·x2) — positive weights between nodes on the same side.
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const cppn = (q: Float64Array) => [sigmoid(3 * (q[0] as number) * (q[2] as number)), (q[0] as number) * (q[2] as number) > 0 ? 1 : 0];

describe('HyperNEAT substrate (Stanley, D’Ambrosio & Gauci 2009)', () => {
  it('paints each weight from the CPPN at (x1, y1, x2, y2), with the expression threshold', () => {
    const painted = paintSubstrate(cppn, substrate, { threshold: 0.2, weightScale: 3 });
    const r = 2 * sigmoid(3) - 1;
    const expected = ((r - 0.2) * 3) / 0.8;
    // Input 0 (x = −1) to hidden 0 (x = −1): x1·x2 = 1; to hidden 1 (x = 0): 0, below the threshold.
    expect(painted.weights[0]?.[0]).toBeCloseTo(expected, 5);
    expect(painted.weights[0]?.[1]).toBe(0);
    expect(painted.weights[0]?.[2]).toBeCloseTo(-expected, 5);
    // Symmetric geometry, symmetric weights: input 1 mirrors input 0.
    expect(painted.weights[0]?.[3]).toBeCloseTo(-expected, 5);
    expect(painted.weights[0]?.[5]).toBeCloseTo(expected, 5);
    expect(painted.expressed).toBe(4);
    // Biases come from the origin: x1 = 0, so none is expressed.
    expect(Array.from(painted.biases[0] ?? [])).toEqual([0, 0, 0]);
  });

  it('LEO: the second output decides expression, the first is scaled without a threshold', () => {
    const painted = paintSubstrate(cppn, substrate, { leo: true, weightScale: 1 });
    expect(painted.weights[0]?.[0]).toBeCloseTo(2 * sigmoid(3) - 1, 5);
    expect(painted.weights[0]?.[2]).toBe(0);
  });

  it('writes the painted weights into an MLP, which then computes with them', () => {
    const model = mlp({ inputSize: 2, hidden: [3], outputSize: 1, activation: 'tanh' }, Rng.fromSeed(0));
    const painted = paintSubstrate(cppn, substrate);
    writeSubstrateWeights(model, painted);
    const x = [0.5, -0.25];
    const w1 = painted.weights[0] as Float32Array;
    const w2 = painted.weights[1] as Float32Array;
    const h = [0, 1, 2].map((j) => Math.tanh((x[0] as number) * (w1[j] as number) + (x[1] as number) * (w1[3 + j] as number)));
    const o = h.reduce((s, v, j) => s + v * (w2[j] as number), 0);
    expect(noGrad(() => model.forward(new Tensor(Float32Array.from(x), [1, 2]))).data[0]).toBeCloseTo(o, 5);
    expect(() => writeSubstrateWeights(mlp({ inputSize: 2, hidden: [4], outputSize: 1 }, Rng.fromSeed(0)), painted)).toThrow(/values/);
  });
});
