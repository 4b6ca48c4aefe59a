import type { Model, SupervisedTask } from '@evoprop/core';
import { isUnsupervisedTask } from '@evoprop/tasks';
import { Tensor, noGrad } from '@evoprop/tensor';
import type { Boundary, Direction } from './record.js';

/** Direction in which a metric improves. */
export const directionOf = (metric: string): Direction => (/(^|\.)(mse|mae|loss|objective|error)$/.test(metric) ? 'min' : 'max');

/**
 * Class predictions from a batch of outputs: logits, so > 0 for a single output, argmax over the
 * last axis otherwise — one prediction per row of `[n, classes]`, per step of `[n, time, classes]`.
 */
export function predictClasses(out: Tensor): Int32Array {
  const k = out.rank < 2 ? 1 : (out.shape[out.rank - 1] as number);
  const n = k === 0 ? 0 : out.size / k;
  const pred = new Int32Array(n);
  const d = out.data;
  for (let i = 0; i < n; i++) {
    if (k === 1) {
      pred[i] = (d[i] as number) > 0 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let j = 1; j < k; j++) if ((d[i * k + j] as number) > (d[i * k + best] as number)) best = j;
    pred[i] = best;
  }
  return pred;
}

const forwardEval = (model: Model, x: Tensor): Tensor => noGrad(() => model.forward(x, 'eval'));

/** The task's headline metric on its test split, computed by the arena (not reported by the trainer). */
export function testMetric(model: Model, task: SupervisedTask): number {
  const out = forwardEval(model, task.test.x);
  const y = task.test.y.data;
  if (task.metric === 'accuracy') {
    const pred = predictClasses(out);
    // Under the masked loss class 0 is padding: it is neither a hit nor a miss (as core's accuracy).
    const masked = task.loss === 'masked-softmax-cross-entropy';
    let hits = 0;
    let counted = 0;
    for (let i = 0; i < pred.length; i++) {
      const target = Math.round(y[i] as number);
      if (masked && target === 0) continue;
      counted++;
      if (pred[i] === target) hits++;
    }
    return hits / Math.max(1, counted);
  }
  let sse = 0;
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += (y[i] as number) / y.length;
  let sst = 0;
  // Under the Bernoulli loss the outputs are logits: mse and r2 are of their sigmoid (as core's evaluateModel).
  const logits = task.loss === 'binary-cross-entropy';
  for (let i = 0; i < y.length; i++) {
    const o = out.data[i] as number;
    const e = (logits ? 1 / (1 + Math.exp(-o)) : o) - (y[i] as number);
    sse += e * e;
    sst += ((y[i] as number) - mean) ** 2;
  }
  if (task.metric === 'r2') return 1 - sse / Math.max(sst, 1e-12);
  return sse / Math.max(1, y.length);
}

/** Sample a 2-D classifier on a `size` × `size` grid spanning the data (10 % margin). */
export function decisionBoundary(model: Model, task: SupervisedTask, size: number, maxPoints = 150): Boundary {
  const x = task.test.x.data;
  const n = task.test.x.shape[0] ?? 0;
  let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    xMin = Math.min(xMin, x[2 * i] as number);
    xMax = Math.max(xMax, x[2 * i] as number);
    yMin = Math.min(yMin, x[2 * i + 1] as number);
    yMax = Math.max(yMax, x[2 * i + 1] as number);
  }
  const mx = (xMax - xMin) * 0.1 || 1;
  const my = (yMax - yMin) * 0.1 || 1;
  [xMin, xMax, yMin, yMax] = [xMin - mx, xMax + mx, yMin - my, yMax + my];
  const grid = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      grid[2 * (r * size + c)] = xMin + ((c + 0.5) / size) * (xMax - xMin);
      grid[2 * (r * size + c) + 1] = yMin + ((r + 0.5) / size) * (yMax - yMin);
    }
  }
  const classes = Array.from(predictClasses(forwardEval(model, new Tensor(grid, [size * size, 2]))));
  const stride = Math.max(1, Math.ceil(n / maxPoints));
  const points: [number, number, number][] = [];
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  for (let i = 0; i < n; i += stride)
    points.push([round(x[2 * i] as number), round(x[2 * i + 1] as number), Math.round(task.test.y.data[i] as number)]);
  return { size, xMin: round(xMin), xMax: round(xMax), yMin: round(yMin), yMax: round(yMax), classes, points };
}

/** Keep `count` evenly spaced items, always including the first and the last. */
export function downsample<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(items[Math.round((i * (items.length - 1)) / (count - 1))] as T);
  return out;
}

/**
 * What an autoencoder made of a few test samples, for the report: images as 8-bit grey levels
 * (base64, image after image), 2-D points as coordinates.
 */
export type Reconstructions =
  | Readonly<{
      kind: 'image';
      /** One image: [channels, height, width]. */
      shape: readonly number[];
      /** Images in each row. */
      count: number;
      /** The clean test images (the targets), 0–255 per value, base64. */
      originals: string;
      /** The corrupted inputs the model saw, where the task is denoising. */
      inputs?: string;
      /** The model's outputs (through a sigmoid under the Bernoulli loss, whose outputs are logits), 0–255, base64. */
      outputs: string;
    }>
  | Readonly<{
      kind: 'points';
      /** Test points (the targets), [x, y]. */
      originals: readonly (readonly [number, number])[];
      /** Their reconstructions, same order. */
      outputs: readonly (readonly [number, number])[];
    }>;

/**
 * The first test samples of an unsupervised task and the model's reconstructions of them: `images`
 * images where the task says its inputs are images, up to `points` points where the targets are
 * 2-D; null for any other task.
 */
export function reconstructions(model: Model, task: SupervisedTask, images = 8, points = 100): Reconstructions | null {
  if (!isUnsupervisedTask(task)) return null;
  const n = task.test.y.shape[0] ?? 0;
  const row = task.test.y.size / Math.max(1, n);
  const shape = task.unsupervised.imageShape;
  const isImage = shape !== undefined && shape.reduce((a, b) => a * b, 1) === row;
  if (!isImage && row !== 2) return null;
  const count = Math.min(n, isImage ? images : points);
  const x = task.test.x;
  const inputRow = x.size / Math.max(1, n);
  const input = new Tensor(x.data.slice(0, count * inputRow), [count, ...x.shape.slice(1)]);
  const out = forwardEval(model, input).data;
  const logits = task.loss === 'binary-cross-entropy';
  const value = (v: number) => (logits ? 1 / (1 + Math.exp(-v)) : v);
  if (!isImage) {
    const round = (v: number) => Math.round(v * 1e4) / 1e4;
    const pairs = (d: ArrayLike<number>, f: (v: number) => number) =>
      Array.from({ length: count }, (_, i): [number, number] => [round(f(d[2 * i] as number)), round(f(d[2 * i + 1] as number))]);
    return { kind: 'points', originals: pairs(task.test.y.data, (v) => v), outputs: pairs(out, value) };
  }
  const bytes = (d: ArrayLike<number>, f: (v: number) => number) => {
    const b = new Uint8Array(count * row);
    for (let i = 0; i < b.length; i++) b[i] = Math.round(255 * Math.min(1, Math.max(0, f(d[i] as number))));
    return Buffer.from(b).toString('base64');
  };
  return {
    kind: 'image',
    shape: [...shape],
    count,
    originals: bytes(task.test.y.data, (v) => v),
    ...(task.unsupervised.noise === 'none' || inputRow !== row ? {} : { inputs: bytes(x.data, (v) => v) }),
    outputs: bytes(out, value),
  };
}
