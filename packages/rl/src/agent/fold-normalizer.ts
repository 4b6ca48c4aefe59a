import type { Model } from '@evoprop/core';
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

/**
 * A copy of `policy` that takes raw observations: the observation normaliser
 * x̂ = (x − μ)/σ folded into the first dense layer, W' = W/σ (row-wise) and
 * b' = b − Σⱼ (μⱼ/σⱼ)·Wⱼ (float64 arithmetic, float32 weights). So the returned model is a
 * plain network that the arena and `modelPolicy` run on the task's own observations, and it
 * computes what the trained policy computes up to float32 rounding.
 */
export function foldObservationNormalizer(policy: Model, stats: RunningStats): Model {
  const k = stats.mean.length;
  const model = policy.clone();
  const layer = firstDenseLayer(model, k);
  if (layer === null)
    throw new RlError('normalizeObservations', `a policy whose first layer is dense with ${k} inputs and a bias`, 'another first layer');
  const v = model.params.vector;
  const { weight, bias, units } = layer;
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
