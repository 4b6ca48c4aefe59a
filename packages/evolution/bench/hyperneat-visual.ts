/**
 * HyperNEAT on the visual discrimination task of Stanley, D'Ambrosio & Gauci (2009): CPPNs
 * (NEAT's 'cppn' preset) paint the 121 → 121 substrate (two 11 × 11 sheets), scored by the paper's
 * squared distance between the most active output and the big box's centre on its 75 training
 * trials. Then the same network is trained by backprop (Adam, full batch, softmax cross-entropy
 * on the 75 trials) twice: from the CPPN's weights, and from a fresh Glorot initialisation.
 * Prints, per seed, the test accuracy (exact hits) and mean squared distance on all 9,072
 * placements (the generalisation test), and its root (an RMS distance) in field units ([−1, 1]²).
 *
 *   GENS=100 POP=150 SEEDS=0 EPOCHS=300 nice -n 10 node --conditions=@evoprop/source --import tsx bench/hyperneat-visual.ts
 *
 * Settings: GENS (100), POP (150), SEEDS (comma list, '0'), EPOCHS of backprop (300), LR (0.01).
 */
import { BackpropTrainer } from '@evoprop/backprop';
import { type Model, type SupervisedTask, mlp } from '@evoprop/core';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng, Tensor, noGrad } from '@evoprop/tensor';
import { HyperNeatTrainer, layoutSubstrate, meanSquaredDistance } from '../src/neat/index.js';

const generations = Number(process.env.GENS ?? 100);
const populationSize = Number(process.env.POP ?? 150);
const seeds = (process.env.SEEDS ?? '0').split(',').map(Number);
const epochs = Number(process.env.EPOCHS ?? 300);
const learningRate = Number(process.env.LR ?? 0.01);

const task = createSupervisedTask('visual-discrimination', 0, {}) as SupervisedTask;
const nodes = layoutSubstrate(task.inputShape, task.outputSize).layers[1] as readonly (readonly [number, number])[];

/** Test accuracy (exact hits) and mean squared distance of `model` on every placement. */
function testScores(model: Model): { accuracy: number; msd: number } {
  return noGrad(() => {
    const out = model.forward(new Tensor(task.test.x.data, [task.test.x.shape[0] as number, 121]));
    const y = task.test.y;
    let hits = 0;
    for (let i = 0; i < (out.shape[0] as number); i++) {
      let best = 0;
      for (let j = 1; j < 121; j++) if ((out.data[i * 121 + j] as number) > (out.data[i * 121 + best] as number)) best = j;
      if (best === y.data[i]) hits++;
    }
    return { accuracy: hits / (out.shape[0] as number), msd: meanSquaredDistance(out, y, nodes) };
  });
}

const line = (what: string, s: { accuracy: number; msd: number }) =>
  `${what}: test accuracy ${(100 * s.accuracy).toFixed(1)} %, mean squared distance ${s.msd.toFixed(4)} (root mean squared distance ${Math.sqrt(s.msd).toFixed(3)})`;

const backprop = (model: Model, seed: number) =>
  new BackpropTrainer({ optimizer: { name: 'adam', learningRate }, batchSize: null }).fit({
    task,
    model,
    rng: Rng.fromSeed(seed),
    budget: { epochs },
  });

for (const seed of seeds) {
  const started = performance.now();
  const trainer = new HyperNeatTrainer({ fitness: 'distance', neat: { populationSize } });
  const r = await trainer.fit({ task, rng: Rng.fromSeed(seed), budget: { generations } });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `seed ${seed}: ${line(`HyperNEAT, ${generations} generations of ${populationSize} CPPNs (${seconds.toFixed(0)} s)`, testScores(r.model))}`,
  );
  const tuned = await backprop(r.model.clone(), seed);
  console.log(`seed ${seed}: ${line(`  + backprop from the CPPN's weights, ${epochs} epochs`, testScores(tuned.model))}`);
  const scratch = await backprop(mlp({ inputSize: 121, hidden: [], outputSize: 121 }, Rng.fromSeed(seed)), seed);
  console.log(`seed ${seed}: ${line(`  backprop from a fresh initialisation, ${epochs} epochs`, testScores(scratch.model))}`);
}
