/**
 * What an autoencoder's code is worth: its encoder cut out of the model, a linear probe on the
 * frozen code (Alain & Bengio 2016), and the few-label classification task that semi-supervised
 * transfer trains on (pretrain on every image without labels, then classify from 100 labels).
 */
import { type LayeredModel, type LinearProbeResult, type Model, type SupervisedTask, linearProbe } from '@evoprop/core';
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
}>;

/**
 * A linear probe on an autoencoder's frozen code: `labels` labelled training images (their
 * clean versions) are encoded, a logistic regression is fitted on the codes, and it is scored
 * on the codes of the whole test split.
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
    { classes: labels.classes, ...(options.iterations === undefined ? {} : { iterations: options.iterations }) },
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
