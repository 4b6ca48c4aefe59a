/**
 * What an autoencoder's code is worth: its encoder cut out of the model, a linear probe on the
 * frozen code (Alain & Bengio 2016), and the few-label classification task that semi-supervised
 * transfer trains on (pretrain on every image without labels, then classify from 100 labels).
 */
import { type LayeredModel, type LinearProbeResult, type Model, type SupervisedTask, linearProbe, sequential } from '@evoprop/core';
import { conv2dLayer, flattenLayer, maxPool2dLayer, type ActivationName, dense, reshapeTo, upsample2d } from '@evoprop/core/layers';
import { type Rng, Tensor } from '@evoprop/tensor';
import { TransferError } from './errors.js';
import { extractFeatures } from './features.js';
import { namedLayers, truncate } from './surgery.js';

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * The name of the layer whose output is the code: the narrowest layer output below the last
 * layer (the first such layer, and a parameter-free layer right after it of the same size, such
 * as an activation, with it). `784-256-32-256-784` → `dense2`.
 */
export function bottleneckLayer(model: Model): string {
  const layers = namedLayers(model);
  if (layers.length < 2) throw new TransferError('bottleneckLayer', 'a sequential model of at least 2 layers', `${layers.length} layer(s)`);
  const sizes = layers.slice(0, -1).map((_, i) => size(truncate(model, i + 1).outputShape));
  let best = 0;
  sizes.forEach((s, i) => {
    if (s < (sizes[best] as number)) best = i;
  });
  const withParams = new Set(model.params.entries.map((e) => e.name.slice(0, e.name.lastIndexOf('.'))));
  while (best + 1 < sizes.length && sizes[best + 1] === sizes[best] && !withParams.has(layers[best + 1]?.name as string)) best++;
  return layers[best]?.name as string;
}

/**
 * The encoder of a sequential autoencoder: its layers up to and including the code (`at`, by
 * default {@link bottleneckLayer}), weights copied exactly.
 *
 * @example encoderOf(ae).outputShape; // [32] for 784-256-32-256-784
 */
export function encoderOf(model: Model, at?: string): LayeredModel {
  return truncate(model, at ?? bottleneckLayer(model));
}

/**
 * `count` sample indices of a labelled split, seeded and stratified: ⌊count / classes⌋ of each
 * class (one more for the first `count mod classes` classes), each class's picks drawn without
 * replacement; returned in ascending order.
 */
export function stratifiedSample(labels: Tensor, classes: number, count: number, rng: Rng): Int32Array {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  labels.data.forEach((c, i) => byClass[c]?.push(i));
  const picks: number[] = [];
  byClass.forEach((members, c) => {
    const want = Math.floor(count / classes) + (c < count % classes ? 1 : 0);
    if (want > members.length) throw new TransferError('stratifiedSample', `at least ${want} samples of class ${c}`, `${members.length}`);
    const order = rng.fork(`class/${c}`).permutation(members.length);
    for (let i = 0; i < want; i++) picks.push(members[order[i] as number] as number);
  });
  return Int32Array.from(picks).sort();
}

const rows = (x: Tensor, idx: Int32Array): Tensor => {
  const row = size(x.shape.slice(1));
  const out = new Float32Array(idx.length * row);
  idx.forEach((r, i) => out.set(x.data.subarray(r * row, (r + 1) * row), i * row));
  return new Tensor(out, [idx.length, ...x.shape.slice(1)]);
};

/** The probe labels an unsupervised task of `@evoprop/tasks` carries (read structurally: this package does not depend on tasks). */
export type ProbeLabelSplits = Readonly<{
  /** Class index of each training sample. */
  train: Tensor;
  /** Class index of each validation sample. */
  validation: Tensor;
  /** Class index of each test sample. */
  test: Tensor;
  /** Number of classes. */
  classes: number;
}>;

function labelsOf(task: SupervisedTask, where: string): ProbeLabelSplits {
  const u = (task as { unsupervised?: { labels?: ProbeLabelSplits } }).unsupervised;
  if (u === undefined) throw new TransferError(where, 'an unsupervised task (one with `unsupervised`)', `task '${task.id}'`);
  if (u.labels === undefined) throw new TransferError(where, 'an unsupervised task with probe labels', `task '${task.id}' without labels`);
  return u.labels;
}

/** The clean inputs of a split of an unsupervised task (its targets, in the input's shape). */
const cleanInputs = (task: SupervisedTask, split: 'train' | 'validation' | 'test'): Tensor =>
  new Tensor(task[split].y.data, [task[split].y.shape[0] as number, ...task.inputShape]);

/** What {@link probeEncoder} measured: the linear probe's result and the code's size. */
export type EncoderProbe = LinearProbeResult & {
  /** Values in the code (the encoder's output size). */
  readonly codeSize: number;
};

/** The probe's default L2 candidates, 1e-4 to 1: cross-validated on the labelled images, so neither 100 nor 1,000 labels get a penalty tuned for the other. */
export const probeL2Candidates: readonly number[] = [1e-4, 1e-3, 1e-2, 1e-1, 1];

/** Options of {@link probeEncoder}. */
export type ProbeOptions = Readonly<{
  /** Labelled training images the probe is fitted on (stratified, seeded). Default 1000. */
  labels?: number;
  /** Picks the labelled images. */
  rng: Rng;
  /** The code layer (default {@link bottleneckLayer}). */
  at?: string;
  /** The probe's Adam steps (see `linearProbe`). Default 500. */
  iterations?: number;
  /**
   * The probe's L2 penalty, or candidates for it that 5-fold cross-validation on the labelled
   * training images picks from (see `linearProbe`; the test split never picks). Default
   * {@link probeL2Candidates}.
   */
  l2?: number | readonly number[];
}>;

/**
 * A linear probe on an autoencoder's frozen code: `labels` labelled training images (their
 * clean versions) are encoded, a logistic regression is fitted on the standardised codes (its
 * L2 penalty cross-validated on those images alone), and it is scored on the codes of the whole
 * test split.
 *
 * @example probeEncoder(result.model, task, { rng: Rng.fromSeed(1) }).accuracy; // ≈ 0.9 on MNIST
 */
export function probeEncoder(model: Model, task: SupervisedTask, options: ProbeOptions): EncoderProbe {
  const labels = labelsOf(task, 'probeEncoder');
  const encoder = encoderOf(model, options.at);
  const pick = stratifiedSample(labels.train, labels.classes, options.labels ?? 1000, options.rng);
  const trainCodes = extractFeatures(encoder, rows(cleanInputs(task, 'train'), pick));
  const flat = (t: Tensor) => new Tensor(t.data, [t.shape[0] as number, size(t.shape.slice(1))]);
  const result = linearProbe(
    { x: flat(trainCodes), y: rows(labels.train, pick) },
    { x: flat(extractFeatures(encoder, cleanInputs(task, 'test'))), y: labels.test },
    {
      classes: labels.classes,
      ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
      l2: options.l2 ?? probeL2Candidates,
    },
  );
  return { ...result, codeSize: size(encoder.outputShape) };
}

/**
 * The classification task hidden in an unsupervised one: `count` labelled training images
 * (stratified, seeded; clean inputs), the validation and test splits with their labels. What a
 * classifier from a pretrained encoder and one from scratch are both trained on.
 *
 * @example const hundred = fewLabelTask(createSupervisedTask('mnist-autoencoder', 1), 100, rng);
 */
export function fewLabelTask(task: SupervisedTask, count: number, rng: Rng): SupervisedTask {
  const labels = labelsOf(task, 'fewLabelTask');
  const pick = stratifiedSample(labels.train, labels.classes, count, rng);
  return {
    kind: 'supervised',
    id: `${task.id}/labels-${count}`,
    seed: task.seed,
    description: `${task.description} (classification from ${count} labelled training images)`,
    inputShape: task.inputShape,
    outputSize: labels.classes,
    problem: 'classification',
    loss: 'softmax-cross-entropy',
    metric: 'accuracy',
    train: { x: rows(cleanInputs(task, 'train'), pick), y: rows(labels.train, pick) },
    validation: { x: cleanInputs(task, 'validation'), y: labels.validation },
    test: { x: cleanInputs(task, 'test'), y: labels.test },
  };
}

/** Options of {@link convAutoencoder}; every key is optional. */
export type ConvAutoencoderOptions = Readonly<{
  /** Per-sample input [channels, height, width]; height and width divisible by 4. Default `[1, 28, 28]` (MNIST's image layout). */
  imageShape?: readonly [number, number, number];
  /** Channels of the two 3×3 convolution blocks of the encoder (the decoder mirrors them). Default `[8, 16]`. */
  filters?: readonly [number, number];
  /** Values in the code (the dense bottleneck). Default 32. */
  codeSize?: number;
  /** Activation of the code layer. Default `'relu'` (as the dense 784-256-32-256-784 recipe). */
  codeActivation?: ActivationName;
}>;

/**
 * The convolutional autoencoder recipe: encoder conv 3×3 (f₁, ReLU) → max-pool 2 → conv 3×3
 * (f₂, ReLU) → max-pool 2 → flatten → dense code; decoder dense (f₂·H/4·W/4, ReLU) → reshape →
 * upsample ×2 → conv 3×3 (f₁, ReLU) → upsample ×2 → conv 3×3 (channels, linear) → flatten. The
 * output is C·H·W logits (flat, the layout of an unsupervised task's targets): train it with
 * the task's Bernoulli cross-entropy, or read `sigmoid(output)` as pixels. Every layer is named
 * (`conv1`, `pool1`, `conv2`, `pool2`, `flatten`, `code`, `expand`, `unflatten`, `up1`,
 * `deconv1`, `up2`, `deconv2`, `output`), so {@link encoderOf} cuts it at `code` (its
 * {@link bottleneckLayer}) and surgery keeps the names.
 *
 * @example
 * const task = createSupervisedTask('mnist-autoencoder', 1, { layout: 'image' }); // inputs [1, 28, 28], targets [784]
 * const model = convAutoencoder(Rng.fromSeed(1));                                 // [1, 28, 28] → [784]
 * encoderOf(model).outputShape;                                                   // [32]
 */
export function convAutoencoder(rng: Rng, options: ConvAutoencoderOptions = {}): LayeredModel {
  const [c, h, w] = options.imageShape ?? [1, 28, 28];
  const [f1, f2] = options.filters ?? [8, 16];
  const codeSize = options.codeSize ?? 32;
  const positive = (v: number) => Number.isInteger(v) && v > 0;
  if (!(positive(c) && positive(h) && positive(w) && h % 4 === 0 && w % 4 === 0))
    throw new TransferError(
      'convAutoencoder imageShape',
      '[channels, height, width] with height and width divisible by 4',
      `[${c}, ${h}, ${w}]`,
    );
  if (!(positive(f1) && positive(f2))) throw new TransferError('convAutoencoder filters', 'two positive integers', `[${f1}, ${f2}]`);
  if (!positive(codeSize)) throw new TransferError('convAutoencoder codeSize', 'a positive integer', String(codeSize));
  const relu = { activation: 'relu', padding: 'same' } as const;
  return sequential(
    [
      conv2dLayer(f1, 3, { ...relu, name: 'conv1' }),
      maxPool2dLayer(2, { name: 'pool1' }),
      conv2dLayer(f2, 3, { ...relu, name: 'conv2' }),
      maxPool2dLayer(2, { name: 'pool2' }),
      flattenLayer({ name: 'flatten' }),
      dense(codeSize, {
        activation: options.codeActivation ?? 'relu',
        kernelInitializer: options.codeActivation === undefined || options.codeActivation === 'relu' ? 'heUniform' : 'glorotUniform',
        name: 'code',
      }),
      dense(f2 * (h / 4) * (w / 4), { activation: 'relu', kernelInitializer: 'heUniform', name: 'expand' }),
      reshapeTo([f2, h / 4, w / 4], { name: 'unflatten' }),
      upsample2d(2, { name: 'up1' }),
      conv2dLayer(f1, 3, { ...relu, name: 'deconv1' }),
      upsample2d(2, { name: 'up2' }),
      conv2dLayer(c, 3, { padding: 'same', kernelInitializer: 'glorotUniform', name: 'deconv2' }),
      flattenLayer({ name: 'output' }),
    ],
    { inputShape: [c, h, w], rng },
  );
}
