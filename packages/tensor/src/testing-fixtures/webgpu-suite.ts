// The WebGPU conformance suite: every op family forward and backward on a device backend against
// the plain JS kernels (whose gradients the gradCheck suite proves against finite differences),
// and a short MNIST training on both. It runs wherever a WebGPU device exists: headless Chromium
// on SwiftShader (tools/browser-check) and Node with the `webgpu` package
// (src/webgpu/webgpu.node.test.ts). Everything is read back with `await read()`: a WebGPU
// backend has no synchronous read.
import { backward, noGrad } from '../autograd.js';
import type { Backend } from '../backend/backend.js';
import type { Storage } from '../backend/storage.js';
import { add, div, maximum, minimum, mul, pow, sub } from '../ops/arithmetic.js';
import { clamp } from '../ops/clamp.js';
import { greater } from '../ops/compare.js';
import { concat } from '../ops/concat.js';
import { conv2d } from '../ops/conv2d.js';
import { sigmoidCrossEntropy, sparseSoftmaxCrossEntropy } from '../ops/cross-entropy.js';
import { gather } from '../ops/gather.js';
import { logsumexp } from '../ops/logsumexp.js';
import { matmul } from '../ops/matmul.js';
import { pad } from '../ops/pad.js';
import { permute, transpose } from '../ops/permute.js';
import { avgPool2d, maxPool2d } from '../ops/pool.js';
import { argmax, max, mean, min, sum } from '../ops/reduce.js';
import { broadcastTo, reshape } from '../ops/reshape.js';
import { slice } from '../ops/slice.js';
import { logSoftmax, softmax } from '../ops/softmax.js';
import { abs, elu, exp, gelu, leakyRelu, log, neg, relu, sigmoid, softplus, sqrt, square, tanh } from '../ops/unary.js';
import { variance } from '../ops/variance.js';
import { where } from '../ops/where.js';
import { jsBackend, jsKernels, withBackend } from '../kernels/registry.js';
import { Rng } from '../rng/rng.js';
import { type Shape, sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';

/** How far a device result may sit from the JS reference: |device − js| ≤ atol + rtol·|js| per element. */
export const TOLERANCE = { atol: 2e-5, rtol: 2e-4 } as const;

/** One case's worst disagreement with the JS kernels over its output and every input gradient. */
export type CaseResult = Readonly<{
  family: string;
  name: string;
  /** Largest |device − js| over the output and the gradients. */
  maxAbs: number;
  /** Largest |device − js| / |js| over elements with |js| ≥ 1e-3. */
  maxRel: number;
  /** Every element within {@link TOLERANCE}. */
  ok: boolean;
  /** Where the worst element is (for a failure message). */
  worst: string;
}>;

type Input = Readonly<{
  shape: Shape;
  kind?: 'normal' | 'positive' | 'awayFromZero' | 'distinct' | 'labels' | 'targets';
  classes?: number;
  grad?: boolean;
}>;
type Case = Readonly<{ family: string; name: string; inputs: readonly Input[]; fn: (...xs: Tensor[]) => Tensor }>;

const n = (...shape: number[]): Input => ({ shape });
const pos = (...shape: number[]): Input => ({ shape, kind: 'positive' });
const away = (...shape: number[]): Input => ({ shape, kind: 'awayFromZero' });
const distinct = (...shape: number[]): Input => ({ shape, kind: 'distinct' });

/** The cases: every op family, with broadcasting, odd sizes (not multiples of the 16×16 tile), and the transposed products that backward reaches. */
export const CASES: readonly Case[] = [
  ...(
    [
      ['neg', neg, n],
      ['exp', exp, n],
      ['log', log, pos],
      ['sqrt', sqrt, pos],
      ['abs', abs, away],
      ['square', square, n],
      ['tanh', tanh, n],
      ['sigmoid', sigmoid, n],
      ['softplus', softplus, n],
      ['relu', relu, away],
      ['leakyRelu', (x: Tensor) => leakyRelu(x, 0.1), away],
      ['elu', (x: Tensor) => elu(x, 1.3), away],
      ['gelu (erf)', (x: Tensor) => gelu(x), n],
      ['gelu (tanh)', (x: Tensor) => gelu(x, { approximate: 'tanh' }), n],
      ['clamp', (x: Tensor) => clamp(x, { min: -1, max: 1.05 }), away],
    ] as const
  ).map(([name, fn, gen]): Case => ({ family: 'elementwise', name, inputs: [gen(5, 37)], fn: fn as (x: Tensor) => Tensor })),
  ...(
    [
      ['add', add, n, n],
      ['sub', sub, n, n],
      ['mul', mul, n, n],
      ['div', div, n, pos],
      ['pow', pow, pos, n],
      ['maximum', maximum, distinct, distinct],
      ['minimum', minimum, distinct, distinct],
    ] as const
  ).flatMap(([name, fn, ga, gb]): Case[] => [
    { family: 'broadcast', name: `${name} [3,4]·[4]`, inputs: [ga(3, 4), gb(4)], fn: fn as (a: Tensor, b: Tensor) => Tensor },
    { family: 'broadcast', name: `${name} [2,1,3]·[4,1]`, inputs: [ga(2, 1, 3), gb(4, 1)], fn: fn as (a: Tensor, b: Tensor) => Tensor },
  ]),
  { family: 'broadcast', name: 'where(x > 0, a, b)', inputs: [n(3, 5), n(3, 5), n(5)], fn: (c, a, b) => where(greater(c, 0), a, b) },
  { family: 'reduction', name: 'sum axis 1', inputs: [n(4, 6, 3)], fn: (x) => sum(x, { axis: 1 }) },
  { family: 'reduction', name: 'sum all', inputs: [n(7, 9)], fn: (x) => sum(x) },
  { family: 'reduction', name: 'mean axes [0, 2]', inputs: [n(4, 5, 3)], fn: (x) => mean(x, { axis: [0, 2] }) },
  { family: 'reduction', name: 'max axis -1', inputs: [distinct(6, 7)], fn: (x) => max(x, { axis: -1 }) },
  { family: 'reduction', name: 'min axis 0 keepdims', inputs: [distinct(6, 7)], fn: (x) => min(x, { axis: 0, keepdims: true }) },
  { family: 'reduction', name: 'variance axis 1', inputs: [n(5, 8)], fn: (x) => variance(x, { axis: 1 }) },
  { family: 'reduction', name: 'logsumexp axis 1', inputs: [n(4, 9, 2)], fn: (x) => logsumexp(x, { axis: 1 }) },
  {
    family: 'reduction',
    name: 'argmax axis 1 (no gradient)',
    inputs: [{ shape: [5, 7], kind: 'distinct', grad: false }],
    fn: (x) => argmax(x, { axis: 1 }),
  },
  { family: 'softmax', name: 'softmax axis -1', inputs: [n(6, 10)], fn: (x) => softmax(x) },
  { family: 'softmax', name: 'softmax axis 1 of [2,5,3]', inputs: [n(2, 5, 3)], fn: (x) => softmax(x, 1) },
  { family: 'softmax', name: 'logSoftmax', inputs: [n(6, 10)], fn: (x) => logSoftmax(x) },
  {
    family: 'cross-entropy',
    name: 'sparseSoftmaxCrossEntropy',
    inputs: [n(12, 10), { shape: [12], kind: 'labels', classes: 10, grad: false }],
    fn: (z, y) => sparseSoftmaxCrossEntropy(z, y),
  },
  {
    family: 'cross-entropy',
    name: 'sparseSoftmaxCrossEntropy, class weights',
    inputs: [n(9, 4), { shape: [9], kind: 'labels', classes: 4, grad: false }],
    fn: (z, y) => sparseSoftmaxCrossEntropy(z, y, { classWeights: [1, 2, 0.5, 3] }),
  },
  {
    family: 'cross-entropy',
    name: 'sigmoidCrossEntropy',
    inputs: [n(8, 3), { shape: [8, 3], kind: 'targets', grad: false }],
    fn: (z, t) => sigmoidCrossEntropy(z, t),
  },
  { family: 'matmul', name: '[33,20]·[20,17]', inputs: [n(33, 20), n(20, 17)], fn: (a, b) => matmul(a, b) },
  { family: 'matmul', name: '[64,48]·[48,40]', inputs: [n(64, 48), n(48, 40)], fn: (a, b) => matmul(a, b) },
  { family: 'matmul', name: 'batched [2,3,4]·[2,4,5]', inputs: [n(2, 3, 4), n(2, 4, 5)], fn: (a, b) => matmul(a, b) },
  { family: 'matmul', name: 'broadcast [2,3,4]·[4,5]', inputs: [n(2, 3, 4), n(4, 5)], fn: (a, b) => matmul(a, b) },
  { family: 'matmul', name: 'Aᵀ·Bᵀ via transpose', inputs: [n(19, 21), n(23, 19)], fn: (a, b) => matmul(transpose(a), transpose(b)) },
  {
    family: 'conv2d',
    name: '3×3 pad 1 with bias',
    inputs: [n(2, 3, 7, 6), n(4, 3, 3, 3), n(4)],
    fn: (x, w, b) => conv2d(x, w, { padding: 1, bias: b }),
  },
  {
    family: 'conv2d',
    name: '5×5 stride 2 dilation 1, groups 2',
    inputs: [n(1, 4, 11, 9), n(6, 2, 5, 5)],
    fn: (x, w) => conv2d(x, w, { stride: 2, groups: 2 }),
  },
  {
    family: 'conv2d',
    name: '3×3 dilation 2',
    inputs: [n(2, 2, 9, 9), n(3, 2, 3, 3)],
    fn: (x, w) => conv2d(x, w, { dilation: 2, padding: 2 }),
  },
  { family: 'conv2d', name: '1×1 pointwise', inputs: [n(2, 5, 4, 4), n(3, 5, 1, 1)], fn: (x, w) => conv2d(x, w) },
  { family: 'pooling', name: 'maxPool2d 2×2', inputs: [distinct(2, 3, 6, 8)], fn: (x) => maxPool2d(x, { kernelSize: 2 }) },
  {
    family: 'pooling',
    name: 'maxPool2d 3×3 stride 2 pad 1 (overlapping)',
    inputs: [distinct(2, 2, 7, 7)],
    fn: (x) => maxPool2d(x, { kernelSize: 3, stride: 2, padding: 1 }),
  },
  {
    family: 'pooling',
    name: 'avgPool2d 3×3 stride 1 pad 1',
    inputs: [n(2, 2, 5, 6)],
    fn: (x) => avgPool2d(x, { kernelSize: 3, stride: 1, padding: 1 }),
  },
  { family: 'shape', name: 'permute [2,0,1]', inputs: [n(3, 4, 5)], fn: (x) => permute(x, [2, 0, 1]) },
  { family: 'shape', name: 'slice', inputs: [n(5, 6)], fn: (x) => slice(x, [1, 2], [3, 3]) },
  { family: 'shape', name: 'concat axis 1', inputs: [n(3, 2), n(3, 4)], fn: (a, b) => concat([a, b], 1) },
  {
    family: 'shape',
    name: 'pad',
    inputs: [n(3, 4)],
    fn: (x) =>
      pad(
        x,
        [
          [1, 0],
          [2, 1],
        ],
        0.5,
      ),
  },
  { family: 'shape', name: 'broadcastTo', inputs: [n(3, 1)], fn: (x) => broadcastTo(x, [2, 3, 4]) },
  { family: 'shape', name: 'gather rows (repeated indices)', inputs: [n(6, 4)], fn: (x) => gather(x, [4, 1, 4, 0, 4]) },
  { family: 'shape', name: 'reshape then matmul', inputs: [n(2, 6), n(3, 5)], fn: (x, w) => matmul(reshape(x, [4, 3]), w) },
];

function values(input: Input, rng: Rng): Float32Array {
  const size = sizeOf(input.shape);
  switch (input.kind ?? 'normal') {
    case 'normal':
      return Float32Array.from({ length: size }, () => rng.normal());
    case 'positive':
      return Float32Array.from({ length: size }, () => rng.uniform(0.5, 2));
    case 'awayFromZero':
      return Float32Array.from({ length: size }, () => (rng.uniform() < 0.5 ? -1 : 1) * rng.uniform(0.2, 2));
    case 'distinct': {
      const p = rng.permutation(size);
      return Float32Array.from(p, (v) => v * 0.1 - size * 0.05);
    }
    case 'labels':
      return Float32Array.from({ length: size }, () => rng.int(0, input.classes ?? 2));
    case 'targets':
      return Float32Array.from({ length: size }, () => rng.uniform());
  }
}

/** The output and the input gradients of `c` on `be`, read back; loss = Σ out ⊙ w for a fixed random w. */
async function runCase(c: Case, be: Backend, seed: number): Promise<Float32Array[]> {
  const rng = Rng.fromSeed(`webgpu-suite/${seed}/${c.name}`);
  const hostInputs = c.inputs.map((input) => values(input, rng));
  const inputs = c.inputs.map((input, i) => {
    const data = hostInputs[i] as Float32Array;
    // Labels and targets stay host tensors: the ops read them on the host.
    if (input.kind === 'labels' || input.kind === 'targets') return new Tensor(data, input.shape);
    const t = new Tensor(be.upload(Float32Array.from(data)), input.shape);
    return input.grad === false ? t : t.requireGrad();
  });
  const out = withBackend(be, () => c.fn(...inputs));
  const results = [await out.read()];
  if (!out.requiresGrad) return results;
  const weights = Float32Array.from({ length: out.size }, () => rng.normal());
  withBackend(be, () => backward(sum(mul(out, new Tensor(be.upload(weights), out.shape)))));
  for (const t of inputs) if (t.requiresGrad) results.push(t.grad === null ? new Float32Array(0) : await t.grad.read());
  return results;
}

function compare(family: string, name: string, device: readonly Float32Array[], reference: readonly Float32Array[]): CaseResult {
  let maxAbs = 0;
  let maxRel = 0;
  let ok = device.length === reference.length;
  let worst = ok ? '' : `${device.length} results, expected ${reference.length}`;
  let worstExcess = 0;
  reference.forEach((ref, r) => {
    const dev = device[r] as Float32Array;
    if (dev.length !== ref.length) {
      ok = false;
      worst = `result ${r}: ${dev.length} elements, expected ${ref.length}`;
      return;
    }
    for (let i = 0; i < ref.length; i++) {
      const d = Math.abs((dev[i] as number) - (ref[i] as number));
      const scale = Math.abs(ref[i] as number);
      const diff = Number.isNaN(d) ? (Number.isNaN(dev[i] as number) && Number.isNaN(ref[i] as number) ? 0 : Number.POSITIVE_INFINITY) : d;
      if (diff > maxAbs) maxAbs = diff;
      if (scale >= 1e-3 && diff / scale > maxRel) maxRel = diff / scale;
      const excess = diff - (TOLERANCE.atol + TOLERANCE.rtol * scale);
      if (excess > 0) {
        ok = false;
        if (excess > worstExcess) {
          worstExcess = excess;
          worst = `${r === 0 ? 'output' : `gradient ${r}`}[${i}]: ${dev[i]} vs js ${ref[i]}`;
        }
      }
    }
  });
  return { family, name, maxAbs, maxRel, ok, worst };
}

/** Run every case on `device` and on the JS backend and compare (one seed per case). */
export async function runOpSuite(device: Backend, seed = 1): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const c of CASES) {
    let dev: Float32Array[];
    try {
      dev = await runCase(c, device, seed);
    } catch (e) {
      out.push({ family: c.family, name: c.name, maxAbs: Number.NaN, maxRel: Number.NaN, ok: false, worst: `threw ${String(e)}` });
      continue;
    }
    out.push(compare(c.family, c.name, dev, await runCase(c, jsBackend, seed)));
  }
  out.push(await adamCase(device));
  const memory = await tidyCase(device);
  if (memory !== null) out.push(memory);
  return out;
}

/**
 * The device's `tidy`: a loop of tidied steps creates no buffers after its first step (the
 * pool hands the same ones back), and a tensor freed by tidy throws when used again.
 */
async function tidyCase(device: Backend): Promise<CaseResult | null> {
  const be = device as Backend & { tidy?: <T>(fn: () => T) => T; memory?: () => { buffersCreated: number } };
  if (be.tidy === undefined || be.memory === undefined) return null;
  const tidy = be.tidy;
  const rng = Rng.fromSeed('webgpu-suite/tidy');
  const w = new Tensor(device.upload(Float32Array.from({ length: 64 }, () => rng.normal())), [8, 8]).requireGrad();
  // A gradient buffer made outside the tidy scopes (as a model's): backward accumulates into it.
  w.grad = new Tensor(device.alloc(64), [8, 8]);
  const x = Float32Array.from({ length: 32 }, () => rng.normal());
  const created: number[] = [];
  for (let i = 0; i < 10; i++) {
    // Nothing escapes the scope (a returned tensor would be a new buffer each step until collected).
    tidy(() =>
      withBackend(device, () => {
        backward(sum(tanh(matmul(new Tensor(device.upload(x), [4, 8]), w))));
      }),
    );
    await (w.grad as Tensor).read();
    created.push(be.memory().buffersCreated);
  }
  let inner: Tensor | null = null;
  tidy(() =>
    withBackend(device, () => {
      inner = exp(w);
      return sum(inner);
    }),
  );
  let threw = '';
  try {
    withBackend(device, () => add(inner as unknown as Tensor, 1));
  } catch (e) {
    threw = (e as Error).name;
  }
  const flat = created[1] === created[created.length - 1];
  return {
    family: 'memory',
    name: 'tidy recycles buffers and guards freed tensors',
    maxAbs: 0,
    maxRel: 0,
    ok: flat && threw === 'WebGpuError',
    worst: `buffers created after steps 2 and 10: ${created[1]}, ${created[created.length - 1]}; use after free threw '${threw}'`,
  };
}

/** The fused Adam update on the device against the plain kernel (float64 with float32 roundings). */
async function adamCase(device: Backend): Promise<CaseResult> {
  const rng = Rng.fromSeed('webgpu-suite/adam');
  const size = 1000;
  const vec = () => Float32Array.from({ length: size }, () => rng.normal());
  const [g, m, v0, p] = [vec(), vec(), vec().map((x) => x * x), vec()];
  const step = { b1: 0.9, b2: 0.999, eps: 1e-8, c1: 1 - 0.9 ** 3, c2: 1 - 0.999 ** 3, weightDecay: 0.01, scale: -1e-3 };
  const host = { m: Float32Array.from(m), v: Float32Array.from(v0), out: new Float32Array(size) };
  jsKernels.adam(g, host.m, host.v, p, host.out, step);
  const dm = device.upload(Float32Array.from(m));
  const dv = device.upload(Float32Array.from(v0));
  const dout = device.alloc(size);
  const fused = (device as Backend & { adam?: (...a: unknown[]) => void }).adam;
  if (fused === undefined)
    return { family: 'optimizer', name: 'adam', maxAbs: Number.NaN, maxRel: Number.NaN, ok: false, worst: 'no adam kernel' };
  fused(device.upload(g), dm, dv, device.upload(p), dout, step);
  const read = (s: Storage) => device.read(s);
  return compare(
    'optimizer',
    'fused adam (AdamW) over a flat vector of 1000',
    [await read(dout), await read(dm), await read(dv)],
    [host.out, host.m, host.v],
  );
}

/** A small subset of MNIST: images scaled to [0, 1] (rows of 784) and digit labels. */
export type MnistSubset = Readonly<{ trainX: Float32Array; trainY: Float32Array; testX: Float32Array; testY: Float32Array }>;

/** What a short MNIST training reached. */
export type MnistResult = Readonly<{
  backend: string;
  steps: number;
  finalLoss: number;
  testAccuracy: number;
  /** Device buffers created by the end of the first step and of the last (equal when the pool recycles every step's buffers), where the backend reports memory. */
  buffers: readonly [number, number] | null;
}>;

/**
 * Train a 784-64-10 MLP (ReLU, softmax cross-entropy) with Adam (lr 3e-3, batch 50, 2 epochs) on
 * `be`, with every parameter a view into one flat vector and every gradient a view into a second
 * one, updated by one fused Adam pass per step; on a device backend nothing is read back until
 * the end. Same seed, same data order, same initial weights on every backend.
 */
export async function trainMnist(be: Backend, data: MnistSubset, seed = 0): Promise<MnistResult> {
  const rng = Rng.fromSeed(`webgpu-suite/mnist/${seed}`);
  const shapes: Shape[] = [[784, 64], [64], [64, 10], [10]];
  const sizes = shapes.map(sizeOf);
  const total = sizes.reduce((a, b) => a + b, 0);
  const init = new Float32Array(total);
  let at = 0;
  shapes.forEach((shape, i) => {
    const fanIn = shape[0] as number;
    if (shape.length === 2) for (let j = 0; j < (sizes[i] as number); j++) init[at + j] = rng.normal() * Math.sqrt(2 / fanIn);
    at += sizes[i] as number;
  });
  const flat = be.upload(init);
  const gradFlat = be.alloc(total);
  const m = be.alloc(total);
  const v = be.alloc(total);
  const update = be.alloc(total);
  at = 0;
  const params = shapes.map((shape, i) => {
    const t = new Tensor(be.view(flat, at, sizes[i] as number), shape).requireGrad();
    t.grad = new Tensor(be.view(gradFlat, at, sizes[i] as number), shape);
    at += sizes[i] as number;
    return t;
  });
  const [w1, b1, w2, b2] = params as [Tensor, Tensor, Tensor, Tensor];
  const forward = (x: Tensor) => add(matmul(relu(add(matmul(x, w1), b1)), w2), b2);
  const rows = data.trainY.length;
  const batch = 50;
  const epochs = 2;
  const lr = 3e-3;
  const [beta1, beta2] = [0.9, 0.999];
  let step = 0;
  const lastStep = epochs * Math.floor(rows / batch);
  let loss: Tensor | null = null;
  const memory = (): number | null => (be as Backend & { memory?: () => { buffersCreated: number } }).memory?.().buffersCreated ?? null;
  let afterFirst: number | null = null;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = rng.fork(`epoch-${epoch}`).permutation(rows);
    for (let start = 0; start + batch <= rows; start += batch) {
      const bx = new Float32Array(batch * 784);
      const by = new Float32Array(batch);
      for (let r = 0; r < batch; r++) {
        const src = order[start + r] as number;
        bx.set(data.trainX.subarray(src * 784, src * 784 + 784), r * 784);
        by[r] = data.trainY[src] as number;
      }
      step++;
      // A device backend's tidy returns the step's temporaries to the pool at once (see the README).
      const tidy = (be as Backend & { tidy?: <T>(fn: () => T) => T }).tidy ?? (<T>(fn: () => T) => fn());
      tidy(() =>
        withBackend(be, () => {
          be.fill(gradFlat, 0);
          loss = sparseSoftmaxCrossEntropy(forward(new Tensor(be.upload(bx), [batch, 784])), new Tensor(by, [batch]));
          backward(loss);
          const adamStep = { b1: beta1, b2: beta2, eps: 1e-8, c1: 1 - beta1 ** step, c2: 1 - beta2 ** step, weightDecay: 0, scale: -lr };
          const fused = (
            be as Backend & { adam?: (g: Storage, m: Storage, v: Storage, p: Storage, o: Storage, s: typeof adamStep) => void }
          ).adam;
          if (fused !== undefined) fused(gradFlat, m, v, flat, update, adamStep);
          else
            (be.cpuKernels ?? jsKernels).adam(
              gradFlat as Float32Array,
              m as Float32Array,
              v as Float32Array,
              flat as Float32Array,
              update as Float32Array,
              adamStep,
            );
          be.accumulate(flat, update);
          // Only the last step's loss leaves the scope (each kept tensor is a buffer until collected).
          return step === lastStep ? loss : null;
        }),
      );
      if (step === 1) afterFirst = memory();
    }
  }
  const afterLast = memory();
  const testRows = data.testY.length;
  const logits = noGrad(() => withBackend(be, () => forward(new Tensor(be.upload(data.testX), [testRows, 784]))));
  const values = await logits.read();
  let correct = 0;
  for (let r = 0; r < testRows; r++) {
    let best = 0;
    for (let c = 1; c < 10; c++) if ((values[r * 10 + c] as number) > (values[r * 10 + best] as number)) best = c;
    if (best === data.testY[r]) correct++;
  }
  const finalLoss = loss === null ? Number.NaN : ((await (loss as Tensor).read())[0] as number);
  const buffers = afterFirst === null || afterLast === null ? null : ([afterFirst, afterLast] as const);
  return { backend: be.name, steps: step, finalLoss, testAccuracy: correct / testRows, buffers };
}
