// The job handler both executors run: one seeded Adam fit on circles per job.
import { BackpropTrainer } from '@evoprop/backprop';
import type { HandlerFactory } from '@evoprop/core';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng, setKernels } from '@evoprop/tensor';
import { type Digest, fitDigest } from '../digest.js';

/** What a job asks for: a fit with this seed, or a thrown error. */
export type FitJob = Readonly<{ kind: 'fit'; seed: number }> | Readonly<{ kind: 'throw'; message: string }>;

/** Builds the task once per worker (from `init.samples`), then fits one model per job. */
export const fitHandler: HandlerFactory<{ samples: number }, FitJob, Digest> = (init) => {
  setKernels('wasm', { threads: 1, fma: false });
  const task = createSupervisedTask('circles', 1, { samples: init.samples, noise: 0.1 });
  return async (job) => {
    if (job.kind === 'throw') throw new RangeError(job.message);
    const trainer = new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.03 }, hidden: [8], activation: 'tanh' });
    return fitDigest(await trainer.fit({ task, rng: Rng.fromSeed(job.seed), budget: { epochs: 5 } }));
  };
};
