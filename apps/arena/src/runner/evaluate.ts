import type { Model, SupervisedTask } from '@evoprop/core';
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
  for (let i = 0; i < y.length; i++) {
    const e = (out.data[i] as number) - (y[i] as number);
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
