/**
 * Split-MNIST transfer experiments (issue #10), over several seeds. The base is the shipped
 * `mnist04-conv` (trained on 8,000 images of digits 0–4); each seed draws its own labelled
 * 5–9 subset and its own head initialisation / batch order.
 *  (a) frozen base + new head vs the same conv net trained from scratch, on the same labelled 5–9 images,
 *      at the same number of epochs and at the same FLOPs; also full fine-tuning, and a 100-label variant;
 *  (b) forgetting: naive fine-tuning of the whole net on 5–9 vs EWC and LwF (0–4 accuracy under the old head);
 *  (c) evolving only the new head (sep-CMA-ES, OpenAI-ES) on cached features; frozen bytes checked.
 *
 *   pnpm --filter @evoprop/transfer bench [--seeds 5] [--labels 500] [--epochs 20] [--generations 300]
 *     [--ewc 1000] [--lwf 1] [--lr-b 0.01] [--test-size 1000] [--only a,b,c] [--b-runs naive,ewc,lwf]
 */
import type { Budget, FitResult, Model, SupervisedTask, Trainer } from '@evoprop/core';
import { EvolutionTrainer } from '@evoprop/evolution';
import { createSplitMnist } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { TransferTrainer, loadPretrained, measureForgetting, mnistConvNet, score, splitModel } from '../src/index.js';

const flag = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const list = (name: string, fallback: string[]): Set<string> => {
  const i = process.argv.indexOf(`--${name}`);
  return new Set(i < 0 ? fallback : (process.argv[i + 1] ?? '').split(','));
};
const bRuns = list('b-runs', ['naive', 'ewc', 'lwf']);
const only = (() => {
  const i = process.argv.indexOf('--only');
  return new Set(i < 0 ? ['a', 'b', 'c'] : (process.argv[i + 1] ?? '').split(','));
})();
const seeds = flag('seeds', 5);
const labels = flag('labels', 500);
const epochs = flag('epochs', 20);
const generations = flag('generations', 300);
const ewcLambda = flag('ewc', 1000);
const lwfLambda = flag('lwf', 1);
const testSize = flag('test-size', 1000);
/** Learning rate of the (b) runs (naive, EWC, LwF). */
const lrB = flag('lr-b', 1e-2);

const pretrained = loadPretrained('mnist04-conv');
const sourceHead = splitModel(pretrained).head;
const adam = (learningRate: number) => ({ id: 'fine-tune', config: { optimizer: { name: 'adam', learningRate }, batchSize: 50 } });
const base = { pretrained: 'mnist04-conv' } as const;
const convTrunk = splitModel(pretrained, 'flatten').trunk.params.names;

type Row = { target: number[]; source: number[]; seconds: number[]; gflops: number[] };
const rows = new Map<string, Row>();

async function run(
  name: string,
  trainer: Trainer,
  task: SupervisedTask,
  seed: number,
  budget: Budget,
  source?: SupervisedTask,
): Promise<FitResult> {
  const started = performance.now();
  const result = await trainer.fit({ task, rng: Rng.fromSeed(seed), budget });
  const seconds = (performance.now() - started) / 1000;
  const target = score(result.model, task);
  const kept =
    source === undefined ? null : measureForgetting({ sourceTask: source, before: pretrained, after: result.model, sourceHead }).after;
  const r = rows.get(name) ?? { target: [], source: [], seconds: [], gflops: [] };
  r.target.push(target);
  if (kept !== null) r.source.push(kept);
  r.seconds.push(seconds);
  r.gflops.push(result.cost.flops / 1e9);
  rows.set(name, r);
  console.log(
    `seed ${seed} ${name}: 5–9 ${(100 * target).toFixed(1)}%${kept === null ? '' : `, 0–4 ${(100 * kept).toFixed(1)}%`} (${seconds.toFixed(1)} s, ${(result.cost.flops / 1e9).toFixed(2)} GFLOP, ${result.status})`,
  );
  return result;
}

const sameBytes = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
const checkFrozen = (m: Model, what: string) => {
  if (!convTrunk.every((n) => sameBytes(m.params.get(n).data, pretrained.params.get(n).data)))
    throw new Error(`${what}: frozen trunk moved`);
};
const scratchTrainer = () =>
  new TransferTrainer({ base: { spec: mnistConvNet(Rng.fromSeed(0), 5).spec }, head: { replace: false }, trainer: adam(1e-3) });
const frozenTrainer = (headAt?: string) =>
  new TransferTrainer({ base, freezeTrunk: true, ...(headAt === undefined ? {} : { headAt }), trainer: adam(1e-2) });

const started = performance.now();
let baseline = 0;
for (let seed = 1; seed <= seeds; seed++) {
  const { first: digits04, second: digits59 } = createSplitMnist(seed, { layout: 'image', trainSize: labels, validationSize: 0, testSize });
  if (seed === 1) baseline = score(pretrained, digits04);
  const budget = { epochs };
  if (only.has('a')) {
    const frozen = await run(`(a) frozen conv base + new linear head, ${labels} labels`, frozenTrainer('flatten'), digits59, seed, budget);
    checkFrozen(frozen.model, 'frozen conv base');
    await run(`(a) frozen conv+fc base + new linear head, ${labels} labels`, frozenTrainer(), digits59, seed, budget);
    await run(`(a) from scratch, same net, ${labels} labels, same epochs`, scratchTrainer(), digits59, seed, budget);
    await run(`(a) from scratch, same net, ${labels} labels, same FLOPs as frozen`, scratchTrainer(), digits59, seed, {
      flops: frozen.cost.flops,
    });
    const few = createSplitMnist(seed, { layout: 'image', trainSize: 100, validationSize: 0, testSize }).second;
    await run('(a) frozen conv base + new linear head, 100 labels', frozenTrainer('flatten'), few, seed, budget);
    await run('(a) from scratch, same net, 100 labels, same epochs', scratchTrainer(), few, seed, budget);
  }
  if (only.has('b')) {
    if (bRuns.has('naive'))
      await run(
        `(b) naive fine-tuning of the whole net, lr ${lrB}`,
        new TransferTrainer({ base, trainer: adam(lrB) }),
        digits59,
        seed,
        budget,
        digits04,
      );
    if (bRuns.has('ewc'))
      await run(
        `(b) EWC, λ = ${ewcLambda} (shipped Fisher), lr ${lrB}`,
        new TransferTrainer({ base, regularizer: { type: 'ewc', lambda: ewcLambda }, trainer: adam(lrB) }),
        digits59,
        seed,
        budget,
        digits04,
      );
    if (bRuns.has('lwf'))
      await run(
        `(b) LwF, λ = ${lwfLambda}, T = 2, lr ${lrB}`,
        new TransferTrainer({ base, regularizer: { type: 'lwf', lambda: lwfLambda, temperature: 2 }, trainer: adam(lrB) }),
        digits59,
        seed,
        budget,
        digits04,
      );
  }
  if (only.has('c')) {
    for (const strategy of ['sepCmaEs', 'openAiEs'] as const) {
      const evo = new EvolutionTrainer({
        strategy,
        strategyConfig:
          strategy === 'openAiEs' ? { populationSize: 40, sigma: 0.05, optimizer: { name: 'adam', learningRate: 0.03 } } : { sigma: 0.1 },
        fitnessBatchSize: 250,
        validateEvery: 1000,
      });
      const r = await run(
        `(c) ${strategy} evolving only the new linear head, ${labels} labels`,
        new TransferTrainer({ base, headAt: 'flatten', freezeTrunk: true }, { trainer: evo }),
        digits59,
        seed,
        { generations },
      );
      checkFrozen(r.model, strategy);
    }
  }
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const sd = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / Math.max(1, v.length - 1));
const pct = (v: number[]) => (v.length === 0 ? '—' : `${(100 * mean(v)).toFixed(1)} ± ${(100 * sd(v)).toFixed(1)}`);
console.log(
  `\nsplit-MNIST, seeds 1–${seeds}; gradient runs: Adam, batch 50, ${epochs} epochs unless noted; evolution: ${generations} generations, fitness on 250-image batches; ${testSize} test images per half`,
);
console.log(`pretrained mnist04-conv on the 0–4 test images before any transfer: ${(100 * baseline).toFixed(1)}%`);
console.log('| run | 5–9 test acc. % (mean ± sd) | 0–4 test acc. % after, old head | GFLOP / run | s / run |');
console.log('|---|---|---|---|---|');
for (const [name, r] of rows)
  console.log(`| ${name} | ${pct(r.target)} | ${pct(r.source)} | ${mean(r.gflops).toFixed(2)} | ${mean(r.seconds).toFixed(1)} |`);
console.log(
  `frozen conv trunk bytes identical to the pretrained ones after every frozen run: checked. Total ${((performance.now() - started) / 1000).toFixed(0)} s on 2 shared, loaded cores (timings are distorted by other jobs).`,
);
