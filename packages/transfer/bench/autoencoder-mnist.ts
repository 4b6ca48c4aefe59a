/**
 * Unsupervised MNIST (issue 26), over several seeds, every figure from the runs:
 *  (1) the dense autoencoder 784-256-32-256-784 (ReLU, Adam 1e-3, batch 64) trained for
 *      `--epochs` on the `mnist-autoencoder` task: test reconstruction MSE per pixel;
 *  (2) a linear probe on its frozen 32-value code, fitted on 1,000 labelled training images
 *      (stratified, seeded; standardised codes, L2 picked by 5-fold cross-validation on those
 *      1,000), scored on the whole test split; beside it the same probe on the raw 784 pixels
 *      (what the code is compared with), on 1,000 and on the 100 labels of (3) (--pixel-probe; slow:
 *      the cross-validation fits 26 probes on 784 features);
 *  (3) semi-supervised: a classifier on 100 labelled images (10 per digit) from the pretrained
 *      encoder: frozen, with a logistic regression on its standardised codes (the probe on 100
 *      labels); fine-tuned 784-256-32-10 (all layers at Adam 1e-3, and with the encoder at a tenth
 *      of that rate), vs the same network from scratch; same optimizer, batch and epochs.
 *
 *   pnpm --filter @evoprop/transfer bench:autoencoder [--seeds 3] [--epochs 20] [--train-size 55000]
 *     [--loss binary-cross-entropy|mse] [--labels 100] [--head-epochs 100] [--test-size 10000]
 *     [--kernels js|wasm] [--threads 1] [--minutes M (wall-clock cap of each autoencoder)] [--autoencoder-only]
 *     [--pixel-probe (also probe the raw pixels)] [--adam-head (also a frozen encoder + Adam-trained dense head)]
 *     [--seed N (only this seed)] [--save DIR (write DIR/ae-seedN.safetensors)] [--load DIR (skip training, read it)]
 */
import { BackpropTrainer } from '@evoprop/backprop';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Model, type SupervisedTask, mlp } from '@evoprop/core';
import { loadModel, saveModel } from '@evoprop/core/io';
import { dense } from '@evoprop/core/layers';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng, Tensor, setKernels } from '@evoprop/tensor';
import { FineTuneTrainer, appendLayers, encoderOf, fewLabelTask, freeze, probeEncoder } from '../src/index.js';

const flag = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
};
const seeds = Number(flag('seeds', '3'));
const epochs = Number(flag('epochs', '20'));
const trainSize = Number(flag('train-size', '55000'));
const testSize = Number(flag('test-size', '10000'));
const loss = flag('loss', 'binary-cross-entropy') as 'binary-cross-entropy' | 'mse';
const labelCount = Number(flag('labels', '100'));
const headEpochs = Number(flag('head-epochs', '100'));
const onlySeed = flag('seed', '');
const saveDir = flag('save', '');
const loadDir = flag('load', '');
const minutes = Number(flag('minutes', 'Infinity'));
const kernels = flag('kernels', 'js') as 'js' | 'wasm';
setKernels(kernels, { threads: Number(flag('threads', '1')) });
const skipDownstream = process.argv.includes('--autoencoder-only');

type Row = Record<string, number[]>;
const rows: Row = {};
const record = (name: string, v: number) => {
  rows[name] ??= [];
  rows[name].push(v);
  console.log(`  ${name}: ${v.toFixed(4)}`);
};
const meanSd = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1));
  return `${m.toFixed(4)} ± ${sd.toFixed(4)} (${v.map((x) => x.toFixed(4)).join(', ')})`;
};

const classifierTrainer = () => new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 1e-3 }, batchSize: 20 });

async function classify(name: string, model: Model, task: SupervisedTask, seed: number): Promise<void> {
  const r = await classifierTrainer().fit({ task, model, rng: Rng.fromSeed(seed).fork(name), budget: { epochs: headEpochs } });
  record(`${labelCount} labels ${name} test accuracy`, r.metrics.accuracy as number);
}

const seedList = onlySeed === '' ? Array.from({ length: seeds }, (_, i) => i + 1) : [Number(onlySeed)];
for (const seed of seedList) {
  console.log(`seed ${seed}`);
  const task = createSupervisedTask('mnist-autoencoder', seed, { trainSize, validationSize: 5000, testSize, loss });
  const started = performance.now();
  const file = (dir: string) => join(dir, `ae-seed${seed}.safetensors`);
  const loaded = loadDir !== '' && existsSync(file(loadDir)) ? loadModel(readFileSync(file(loadDir))) : undefined;
  const ae =
    loaded !== undefined
      ? { model: loaded, metrics: { mse: Number.NaN } }
      : await new BackpropTrainer({
          optimizer: { name: 'adam', learningRate: 1e-3 },
          batchSize: 64,
          hidden: [256, 32, 256],
          activation: 'relu',
        }).fit({
          task,
          rng: Rng.fromSeed(seed),
          budget: Number.isFinite(minutes) ? { epochs, wallSeconds: minutes * 60 } : { epochs },
          onEvent: (e) => {
            const v = 'metrics' in e && 'cost' in e ? e.metrics['val.mse'] : undefined;
            if (v !== undefined && 'cost' in e)
              console.log(`  epoch ${e.cost.epochs}: val mse ${v.toFixed(4)} (${((performance.now() - started) / 60_000).toFixed(1)} min)`);
          },
        });
  if (loaded === undefined) {
    record('autoencoder test mse/pixel', ae.metrics.mse as number);
    record('autoencoder minutes', (performance.now() - started) / 60_000);
    record('autoencoder epochs', (ae as { cost?: { epochs: number } }).cost?.epochs ?? Number.NaN);
    if (saveDir !== '') {
      mkdirSync(saveDir, { recursive: true });
      writeFileSync(file(saveDir), saveModel(ae.model));
    }
  } else console.log(`  loaded ${file(loadDir)}`);
  if (skipDownstream) continue;
  const probeRng = Rng.fromSeed(seed).fork('probe');
  const probe = probeEncoder(ae.model, task, { rng: probeRng });
  record('linear probe (1000 labels) on the 32-d code', probe.accuracy);
  record('  its L2 (5-fold cross-validated on the 1000 labels)', probe.l2);
  // The same probe on the raw pixels, through an identity layer (the encoder of "no learning"); --pixel-probe.
  if (process.argv.includes('--pixel-probe')) {
    const identity = mlp({ inputSize: 784, hidden: [], outputSize: 784, outputActivation: 'linear' }, Rng.fromSeed(0));
    identity.params.vector.fill(0);
    const w = identity.params.get('dense1.weight').data;
    for (let i = 0; i < 784; i++) w[i * 784 + i] = 1;
    record('linear probe (1000 labels) on raw pixels', probeEncoder(identity, task, { rng: probeRng, at: 'dense1' }).accuracy);
    record(
      `${labelCount} labels logistic regression on raw pixels test accuracy`,
      probeEncoder(identity, task, { labels: labelCount, rng: Rng.fromSeed(seed).fork('labels'), at: 'dense1' }).accuracy,
    );
  }

  const fewAll = fewLabelTask(task, labelCount, Rng.fromSeed(seed).fork('labels'));
  // Validation (run every epoch, reported, never used to pick a model) on 100 images: 5,000 per epoch cost more than the training.
  const firstRows = (t: Tensor, k: number) =>
    new Tensor(t.data.subarray(0, k * (t.size / (t.shape[0] as number))), [k, ...t.shape.slice(1)]);
  const few: SupervisedTask = { ...fewAll, validation: { x: firstRows(fewAll.validation.x, 100), y: firstRows(fewAll.validation.y, 100) } };
  // A logistic regression on the standardised frozen codes of the same labelled images (same picks: same rng fork).
  record(
    `${labelCount} labels frozen encoder + logistic regression test accuracy`,
    probeEncoder(ae.model, task, { labels: labelCount, rng: Rng.fromSeed(seed).fork('labels') }).accuracy,
  );
  const headRng = Rng.fromSeed(seed).fork('head');
  if (process.argv.includes('--adam-head')) {
    // A new dense head on the frozen, unscaled codes, trained by Adam like the others (40.9 % at 3,000 images).
    const frozen = appendLayers(encoderOf(ae.model), [dense(10, { name: 'head' })], headRng);
    freeze(frozen, ['dense1', 'dense2']);
    await classify('frozen encoder', frozen, few, seed);
  }
  await classify('fine-tuned encoder', appendLayers(encoderOf(ae.model), [dense(10, { name: 'head' })], headRng), few, seed);
  // Fine-tuning with the encoder at a tenth of the head's learning rate (discriminative rates, ULMFiT §3.2).
  const slow = await new FineTuneTrainer({
    optimizer: { optimizer: { name: 'adam', learningRate: 1e-3 } },
    batchSize: 20,
    discriminative: { groups: [{ select: 'dense*', learningRateScale: 0.1 }] },
  }).fit({
    task: few,
    model: appendLayers(encoderOf(ae.model), [dense(10, { name: 'head' })], headRng),
    rng: Rng.fromSeed(seed).fork('fine-tuned, encoder lr x0.1'),
    budget: { epochs: headEpochs },
  });
  record(`${labelCount} labels fine-tuned encoder (lr x0.1) test accuracy`, slow.metrics.accuracy as number);
  await classify(
    'scratch',
    mlp({ inputSize: 784, hidden: [256, 32], outputSize: 10, activation: 'relu' }, Rng.fromSeed(seed).fork('scratch')),
    few,
    seed,
  );
}

console.log(`\n${seeds} seeds, ${epochs} epochs on ${trainSize} images, loss ${loss}; mean ± sd (per seed):`);
for (const [name, v] of Object.entries(rows)) console.log(`${name}: ${meanSd(v)}`);
