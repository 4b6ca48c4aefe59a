import { createSupervisedTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { NeatBackpropTrainer } from '@evoprop/hybrid';
const G = Number(process.env.G ?? 40);
const neat = { populationSize: 30, network: { sigmoidSlope: 1 }, mutation: { addNodeProbability: 0.2, addConnectionProbability: 0.3 } };
for (let seed = 0; seed < Number(process.env.N ?? 1); seed++) {
  const task = createSupervisedTask('spirals', seed, {});
  const t0 = performance.now();
  const r = await new NeatBackpropTrainer({ neat, refinement: { steps: Number(process.env.K ?? 30), batchSize: 32, optimizer: { name: 'adam', learningRate: Number(process.env.LR ?? 0.05) }, clipNorm: 10 }, fitnessBatchSize: null, evaluateEvery: 1000 }).fit({ task, rng: Rng.fromSeed(seed), budget: { generations: G } });
  const h = r.history;
  console.log(seed, r.metrics.accuracy, r.extras?.connections, r.extras?.hiddenNodes, 'train', h[h.length - 1]?.metrics.accuracy, ((performance.now() - t0) / 1000).toFixed(1), 's', (r.cost.flops / 1e6).toFixed(0), 'Mflop');
}
