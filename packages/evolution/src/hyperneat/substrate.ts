/**
 * HyperNEAT's substrate (Stanley, D'Ambrosio & Gauci 2009, "A hypercube-based encoding for
 * evolving large-scale neural networks", Artificial Life 15(2), 185–212): the nodes of a
 * fixed-topology network are placed at coordinates, and a CPPN (a NEAT genome with mixed
 * activations, see `neat/activations.ts`) queried at (x1, y1, x2, y2) for every pair of nodes in
 * consecutive layers paints the weight between them — one small genome, any number of weights,
 * with the geometry's regularities (symmetry, repetition) for free.
 *
 * The CPPN's first output o ∈ [0, 1] (NEAT's sigmoid) is centred to r = 2o − 1; a connection is
 * expressed only when |r| exceeds `threshold`, and then gets weight
 * sign(r)·(|r| − threshold)/(1 − threshold)·`weightScale` (the paper's expression threshold). With
 * `leo` the CPPN has a second output that decides expression on its own (o₂ > 0.5), the link
 * expression output of Verbancsics & Stanley (2011), and the first output is scaled without a
 * threshold. A node's bias is the CPPN queried from the origin, (0, 0, x2, y2).
 *
 * The result is written into any `Model` whose parameters are dense layers in order
 * (`weight` [in, out], `bias` [out]), such as core's `mlp` — so backprop can fine-tune it.
 */
import type { Model } from '@evoprop/core';
import { EvolutionError } from '../errors.js';

/** Coordinates of every node, layer by layer (inputs first): `layers[l][i] = [x, y]`. */
export type Substrate = Readonly<{
  /** Nodes of each layer, inputs first, as [x, y] coordinates. */
  layers: readonly (readonly (readonly [number, number])[])[];
}>;

/** How CPPN outputs become weights. */
export type SubstrateOptions = Readonly<{
  /** |2o − 1| at or below this expresses no connection, in [0, 1) (default 0.2). */
  threshold?: number;
  /** Largest weight magnitude (default 3). */
  weightScale?: number;
  /** Whether the CPPN's second output gates expression (LEO) instead of the threshold (default false). */
  leo?: boolean;
}>;

/** The weights and biases a CPPN paints on a substrate, one entry per pair of consecutive layers. */
export type SubstrateWeights = Readonly<{
  /** weights[l] is [in, out] row-major: weight from node i of layer l to node j of layer l + 1 at i·out + j. */
  weights: Float32Array[];
  /** biases[l][j]: the bias of node j of layer l + 1. */
  biases: Float32Array[];
  /** Connections expressed (non-zero weights). */
  expressed: number;
}>;

/** A CPPN: four coordinates in, one output (two with LEO) in [0, 1]. */
export type Cppn = (coordinates: Float64Array) => ArrayLike<number>;

/** Query `cppn` for every pair of nodes in consecutive layers (Stanley et al. 2009). */
export function paintSubstrate(cppn: Cppn, substrate: Substrate, options: SubstrateOptions = {}): SubstrateWeights {
  const { threshold = 0.2, weightScale = 3, leo = false } = options;
  if (!(threshold >= 0 && threshold < 1)) throw new EvolutionError('paintSubstrate', 'threshold in [0, 1)', String(threshold));
  if (substrate.layers.length < 2) throw new EvolutionError('paintSubstrate', 'a substrate of ≥ 2 layers', `${substrate.layers.length}`);
  const q = new Float64Array(4);
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  let expressed = 0;
  const express = (out: ArrayLike<number>): number => {
    const r = 2 * (out[0] as number) - 1;
    if (leo) return (out[1] as number) > 0.5 ? r * weightScale : 0;
    if (Math.abs(r) <= threshold) return 0;
    return (Math.sign(r) * (Math.abs(r) - threshold) * weightScale) / (1 - threshold);
  };
  for (let l = 0; l + 1 < substrate.layers.length; l++) {
    const from = substrate.layers[l] as readonly (readonly [number, number])[];
    const to = substrate.layers[l + 1] as readonly (readonly [number, number])[];
    const w = new Float32Array(from.length * to.length);
    const b = new Float32Array(to.length);
    to.forEach(([x2, y2], j) => {
      from.forEach(([x1, y1], i) => {
        q[0] = x1;
        q[1] = y1;
        q[2] = x2;
        q[3] = y2;
        const v = express(cppn(q));
        if (v !== 0) expressed++;
        w[i * to.length + j] = v;
      });
      q[0] = 0;
      q[1] = 0;
      q[2] = x2;
      q[3] = y2;
      b[j] = express(cppn(q));
    });
    weights.push(w);
    biases.push(b);
  }
  return { weights, biases, expressed };
}

/**
 * Write painted weights into a model of dense layers (parameters named `*weight` [in, out] and
 * `*bias` [out], in layer order, as core's `mlp` has), checking every shape.
 */
export function writeSubstrateWeights(model: Model, painted: SubstrateWeights): void {
  const names = model.params.names;
  const weightNames = names.filter((n) => n.endsWith('weight'));
  const biasNames = names.filter((n) => n.endsWith('bias'));
  if (weightNames.length !== painted.weights.length)
    throw new EvolutionError('writeSubstrateWeights', `${painted.weights.length} weight tensors`, `${weightNames.length}`);
  painted.weights.forEach((w, l) => {
    const t = model.params.get(weightNames[l] as string);
    if (t.size !== w.length) throw new EvolutionError('writeSubstrateWeights', `${w.length} values in ${weightNames[l]}`, `${t.size}`);
    t.data.set(w);
    const biasName = biasNames[l];
    if (biasName !== undefined) model.params.get(biasName).data.set(painted.biases[l] as Float32Array);
  });
}
