import { type Model, type SequentialSpec, buildModel } from '@evoprop/core';
import type { LayerSpec } from '@evoprop/core/layers';
import { Rng } from '@evoprop/tensor';
import { RlError } from '../errors.js';
import { type RunningStats, statsStd } from './running-stats.js';

/** Where the first dense layer's weight `[inputs, units]` and bias `[units]` sit in a model's parameters. */
export function firstDenseLayer(model: Model, inputs: number): { weight: number; bias: number; units: number } | null {
  const [w, b] = model.params.entries;
  if (w === undefined || b === undefined || w.shape.length !== 2 || w.shape[0] !== inputs || !w.name.endsWith('weight')) return null;
  const units = w.shape[1];
  if (b.shape.length !== 1 || b.shape[0] !== units || !b.name.endsWith('bias')) return null;
  return { weight: w.offset, bias: b.offset, units };
}

/** Name of the layer {@link foldObservationNormalizer} puts in front of the policy when it folds a clip in. */
export const observationClipLayer = 'observationClip';

/**
 * A copy of `policy` that takes raw observations and computes exactly what the trained policy
 * computes on normalised, clipped ones, x̂ = clip((x − μ)/σ, −c, c) (VecNormalize's
 * `_normalize_obs`), so the model the arena judges is the model that was trained.
 *
 * With a finite `clip` c and a sequential policy, one frozen ReLU layer of 4k units goes in front
 * (layer `observationClip`): for each variable j, with zⱼ = (xⱼ − μⱼ)/σⱼ, the units relu(zⱼ),
 * relu(−zⱼ), relu(zⱼ − c) and relu(−zⱼ − c), whose combination
 * relu(z) − relu(−z) − relu(z − c) + relu(−z − c) = clip(z, −c, c) the policy's first dense layer
 * takes over with its row Wⱼ as [Wⱼ, −Wⱼ, −Wⱼ, Wⱼ]. Inside the clip two of the four units are 0 and
 * the other two are zⱼ's parts, so no large offset costs precision (a clip of 1e9 is exact too);
 * every other layer and its name stay as they were.
 *
 * Without a clip (`clip` infinite) or for a non-sequential policy, the normaliser is folded into
 * the first dense layer alone, W' = W/σ (row-wise), b' = b − Σⱼ (μⱼ/σⱼ)·Wⱼ: the same network shape,
 * the trained policy wherever no observation is clipped.
 *
 * Float64 arithmetic, float32 weights: equal to the trained policy up to float32 rounding.
 */
export function foldObservationNormalizer(policy: Model, stats: RunningStats, clip = Number.POSITIVE_INFINITY): Model {
  const k = stats.mean.length;
  if (firstDenseLayer(policy, k) === null)
    throw new RlError('normalizeObservations', `a policy whose first layer is dense with ${k} inputs and a bias`, 'another first layer');
  const spec = policy.spec as Partial<SequentialSpec>;
  if (!Number.isFinite(clip) || spec.kind !== 'sequential' || spec.layers === undefined) return foldAffine(policy, stats);
  if (!(clip > 0)) throw new RlError('clipObservations', 'a bound > 0', String(clip));
  return foldClipped(policy, spec.layers, stats, clip);
}

/** The affine normaliser folded into the first dense layer (no clip). */
function foldAffine(policy: Model, stats: RunningStats): Model {
  const k = stats.mean.length;
  const model = policy.clone();
  const { weight, bias, units } = firstDenseLayer(model, k) as NonNullable<ReturnType<typeof firstDenseLayer>>;
  const v = model.params.vector;
  for (let c = 0; c < units; c++) {
    let shift = 0;
    for (let j = 0; j < k; j++) shift += (stats.mean[j] / statsStd(stats, j)) * v[weight + j * units + c];
    v[bias + c] -= shift;
  }
  for (let j = 0; j < k; j++) {
    const s = statsStd(stats, j);
    for (let c = 0; c < units; c++) v[weight + j * units + c] /= s;
  }
  return model;
}

/** Layer names as a sequential model gives them: the spec's `name`, else type + 1-based count per type. */
function layerNames(layers: readonly LayerSpec[]): string[] {
  const counts = new Map<string, number>();
  return layers.map((l) => {
    const n = (counts.get(l.type) ?? 0) + 1;
    counts.set(l.type, n);
    return l.name ?? `${l.type}${n}`;
  });
}

/** The clip layer in front of a copy of the sequential `policy` (see {@link foldObservationNormalizer}). */
function foldClipped(policy: Model, layers: readonly LayerSpec[], stats: RunningStats, clip: number): Model {
  const k = stats.mean.length;
  const names = layerNames(layers);
  if (names.includes(observationClipLayer))
    throw new RlError('normalizeObservations', `a policy without a layer named '${observationClipLayer}'`, 'one with it');
  const spec: SequentialSpec = {
    kind: 'sequential',
    inputShape: [k],
    layers: [
      { type: 'dense', name: observationClipLayer, units: 4 * k, activation: 'relu' },
      ...layers.map((l, i) => ({ ...l, name: names[i] })),
    ],
  };
  const model = buildModel(spec, Rng.fromSeed(0));
  const source = new Map(policy.params.entries.map((e) => [e.name, e]));
  const from = policy.params.vector;
  const v = model.params.vector;
  const [clipWeight, clipBias, firstWeight] = model.params.entries;
  const units = firstWeight.shape[1];
  for (const e of model.params.entries) {
    if (e === clipWeight || e === clipBias) continue;
    const s = source.get(e.name);
    if (s === undefined) throw new RlError('foldObservationNormalizer', `policy parameter '${e.name}'`, 'none');
    if (e !== firstWeight) {
      v.set(from.subarray(s.offset, s.offset + s.size), e.offset);
      continue;
    }
    // Row j of W becomes the rows of its four units: [Wⱼ, −Wⱼ, −Wⱼ, Wⱼ].
    for (let j = 0; j < k; j++)
      for (let c = 0; c < units; c++) {
        const w = from[s.offset + j * units + c];
        const row = (q: number) => e.offset + (4 * j + q) * units + c;
        v[row(0)] = w;
        v[row(1)] = -w;
        v[row(2)] = -w;
        v[row(3)] = w;
      }
  }
  // Units 4j…4j+3 of the clip layer: zⱼ, −zⱼ, zⱼ − c, −zⱼ − c, with zⱼ = xⱼ/σⱼ − μⱼ/σⱼ.
  v.subarray(clipWeight.offset, clipWeight.offset + clipWeight.size).fill(0);
  for (let j = 0; j < k; j++) {
    const s = statsStd(stats, j);
    const shift = stats.mean[j] / s;
    const signs = [1, -1, 1, -1];
    for (let q = 0; q < 4; q++) {
      v[clipWeight.offset + j * 4 * k + 4 * j + q] = signs[q] / s;
      v[clipBias.offset + 4 * j + q] = -signs[q] * shift - (q >= 2 ? clip : 0);
    }
  }
  model.params.setTrainable([clipWeight.name, clipBias.name], false);
  return model;
}
