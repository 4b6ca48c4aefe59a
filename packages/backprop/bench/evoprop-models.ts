/** The benchmark's models built with evoprop, mirroring bench/tfjs-models.ts layer for layer. */
import { type Model, type SupervisedTask, conv2d, dense, flatten, maxPool2d, sequential } from '@evoprop/core';
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
      conv2d(8, 5, { activation: 'relu', kernelInitializer: 'glorotUniform' }),
      maxPool2d(2),
      conv2d(16, 5, { activation: 'relu', kernelInitializer: 'glorotUniform' }),
      maxPool2d(2),
      flatten(),
      dense(10),
    ],
    { inputShape: [1, 28, 28], rng },
  );
}

/**
 * The trainer both benchmarks use: Adam 1e-3, batch 128, softmax cross-entropy (the task's
 * loss); with `cosineSteps`, the learning rate decays from 1e-3 to 0 over that many steps.
 */
export const benchTrainer = (diagnostics = false, cosineSteps?: number) =>
  new BackpropTrainer({
    optimizer: { name: 'adam', learningRate: 1e-3 },
    batchSize: 128,
    diagnostics,
    shuffle: true,
    ...(cosineSteps === undefined ? {} : { schedule: { type: 'cosine' as const, warmupSteps: 0, decaySteps: cosineSteps } }),
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
