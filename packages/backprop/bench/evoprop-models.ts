/** The benchmark's models built with evoprop, mirroring bench/tfjs-models.ts layer for layer. */
import { type Model, type SupervisedTask, sequential } from '@evoprop/core';
import { conv2dLayer, flattenLayer, maxPool2dLayer, dense } from '@evoprop/core/layers';
import { Rng } from '@evoprop/tensor';
import { BackpropTrainer } from '../src/index.js';

export type Arch = 'mlp' | 'conv';

export function evopropModel(arch: Arch, seed: number): Model {
  const rng = Rng.fromSeed(seed);
  if (arch === 'mlp') {
    return sequential(
      [
        dense(256, { activation: 'relu', kernelInitializer: 'glorotUniform' }),
        dense(128, { activation: 'relu', kernelInitializer: 'glorotUniform' }),
        dense(10),
      ],
      { inputShape: [784], rng },
    );
  }
  return sequential(
    [
      conv2dLayer(8, 5, { activation: 'relu', kernelInitializer: 'glorotUniform' }),
      maxPool2dLayer(2),
      conv2dLayer(16, 5, { activation: 'relu', kernelInitializer: 'glorotUniform' }),
      maxPool2dLayer(2),
      flattenLayer(),
      dense(10),
    ],
    { inputShape: [1, 28, 28], rng },
  );
}

/** Learning-rate settings of the benchmark trainer; the defaults are the throughput benchmark's. */
export interface BenchTrainerOptions {
  /** Record gradient-health diagnostics (per-layer norms, dead units) each epoch. */
  diagnostics?: boolean;
  /** Adam's (peak) learning rate; default 1e-3. */
  learningRate?: number;
  /** Mini-batch size; default 128. */
  batchSize?: number;
  /** With a value, cosine decay from the peak to 0 at this step (warm-up included). */
  cosineSteps?: number;
  /** Linear warm-up steps before the cosine decay; default 0. */
  warmupSteps?: number;
}

/**
 * The trainer both benchmarks use: Adam (1e-3 unless told), batch 128 unless told, softmax
 * cross-entropy (the task's loss); with `cosineSteps`, the learning rate warms up linearly for
 * `warmupSteps` and then decays to 0 at step `cosineSteps`.
 */
export const benchTrainer = (o: BenchTrainerOptions = {}) =>
  new BackpropTrainer({
    optimizer: { name: 'adam', learningRate: o.learningRate ?? 1e-3 },
    batchSize: o.batchSize ?? 128,
    diagnostics: o.diagnostics ?? false,
    shuffle: true,
    ...(o.cosineSteps === undefined
      ? {}
      : { schedule: { type: 'cosine' as const, warmupSteps: o.warmupSteps ?? 0, decaySteps: o.cosineSteps } }),
  });

/**
 * Training samples per second over `steps` optimizer steps (after `warmup` untimed steps),
 * from the trainer's own wall-clock meter (validation and final test evaluation excluded).
 */
export async function evopropTrainSpeed(
  arch: Arch,
  task: SupervisedTask,
  o: Readonly<{ steps: number; warmup: number; seed: number }>,
): Promise<number> {
  const model = evopropModel(arch, o.seed);
  const trainer = benchTrainer();
  if (o.warmup > 0) await trainer.fit({ task, model, rng: Rng.fromSeed(o.seed), budget: { gradientSteps: o.warmup } });
  const r = await trainer.fit({ task, model, rng: Rng.fromSeed(o.seed), budget: { gradientSteps: o.steps } });
  return (r.cost.gradientSteps * 128) / r.cost.wallSeconds;
}
