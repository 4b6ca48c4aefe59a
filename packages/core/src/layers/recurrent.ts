import {
  ShapeError,
  type Tensor,
  abs,
  add,
  greater,
  matmul,
  max,
  mul,
  noGrad,
  reshape,
  sigmoid,
  slice,
  stack,
  sub,
  tanh,
  zeros,
} from '@evoprop/tensor';
import { z } from 'zod';
import { fmtShape } from '../format.js';
import type { Initializer } from '../init/initializers.js';
import { parseSpec } from '../validate.js';
import { InitializerNameSchema } from './init-schema.js';
import type { Layer, LayerContext, LayerType, ParamDecl } from './layer.js';

const cells = ['simpleRnn', 'lstm', 'gru'] as const;
type Cell = (typeof cells)[number];
const gatesOf: Readonly<Record<Cell, number>> = { simpleRnn: 1, lstm: 4, gru: 3 };

const RecurrentSpec = z.strictObject({
  /** Layer type tag: the cell, `'simpleRnn'`, `'lstm'` or `'gru'`. */
  type: z.enum(cells),
  /** Layer name, unique in a model; parameters are called `<name>.<param>`. Default: the type and a counter (`dense1`). */
  name: z.string().optional(),
  /** Size of the hidden state; an integer ≥ 1. */
  units: z.number().int().positive(),
  /** Output the hidden state at every step ([time, units]) instead of the last one ([units]). */
  returnSequences: z.boolean().default(false),
  /** Initializer of the input weights [features, gates·units] (see `initializerNames`). Default `glorotUniform`. */
  kernelInitializer: InitializerNameSchema.default('glorotUniform'),
  /** Initializer of the recurrent weights [units, gates·units] (see `initializerNames`). Default `orthogonal`. */
  recurrentInitializer: InitializerNameSchema.default('orthogonal'),
  /** Initializer of the biases (see `initializerNames`). Default `zeros`. */
  biasInitializer: InitializerNameSchema.default('zeros'),
  /** LSTM only: start the forget-gate bias at 1 (Jozefowicz et al. 2015, §2.2). */
  unitForgetBias: z.boolean().optional(),
  /**
   * Skip padding: a step whose input vector is all zeros (an embedding's `paddingIndex`, or
   * zero-padded features) leaves the state as it was, as Keras' `Masking(0)` does, so padded
   * batches give each sequence the result it gets alone. Default false.
   */
  mask: z.boolean().default(false),
});
/** A recurrent layer's JSON spec (input [time, features] per sample), as parsed (defaults filled in). */
export type RecurrentSpec = z.infer<typeof RecurrentSpec>;
/** Options of {@link simpleRnn} / {@link lstm} / {@link gru} besides the unit count. */
export type RecurrentOptions = Partial<Omit<RecurrentSpec, 'type' | 'units'>>;

type State = { h: Tensor; c: Tensor | null };

/** One step of each cell. `xt` already holds x·W + b for this step, [batch, gates·units]. */
function step(cell: Cell, xt: Tensor, s: State, ctx: LayerContext, units: number, batch: number): State {
  const U = ctx.param('recurrentKernel');
  const part = (t: Tensor, k: number) => slice(t, [0, k * units], [batch, units]);
  if (cell === 'simpleRnn') return { h: tanh(add(xt, matmul(s.h, U))), c: null };
  if (cell === 'lstm') {
    // Hochreiter & Schmidhuber 1997 with the forget gate of Gers et al. 2000; gate order i, f, g, o as in PyTorch.
    const zt = add(xt, matmul(s.h, U));
    const i = sigmoid(part(zt, 0));
    const f = sigmoid(part(zt, 1));
    const g = tanh(part(zt, 2));
    const o = sigmoid(part(zt, 3));
    const c = add(mul(f, s.c as Tensor), mul(i, g));
    return { h: mul(o, tanh(c)), c };
  }
  // GRU (Cho et al. 2014, eqs. 5–8) in PyTorch's form: the reset gate scales U_n·h + b_hn.
  const hu = add(matmul(s.h, U), ctx.param('recurrentBias'));
  const r = sigmoid(add(part(xt, 0), part(hu, 0)));
  const zg = sigmoid(add(part(xt, 1), part(hu, 1)));
  const n = tanh(add(part(xt, 2), mul(r, part(hu, 2))));
  return { h: add(n, mul(zg, sub(s.h, n))), c: null }; // (1 − z)·n + z·h
}

/** A [batch, 1] tensor: 1 where the step's input row `xt` [batch, features] has a nonzero value (a real step), 0 where it is padding. */
const realSteps = (xt: Tensor): Tensor => noGrad(() => greater(max(abs(xt), { axis: 1, keepdims: true }), 0));

/** The next state where step t is real, the previous one where it is padding: prev + m·(next − prev). */
function carryPadded(xt: Tensor, next: State, prev: State): State {
  const m = realSteps(xt);
  const blend = (a: Tensor, b: Tensor) => add(b, mul(m, sub(a, b)));
  return { h: blend(next.h, prev.h), c: next.c === null || prev.c === null ? null : blend(next.c, prev.c) };
}

function recurrentLayer(spec: RecurrentSpec): Layer<RecurrentSpec> {
  const cell = spec.type;
  const units = spec.units;
  const gates = gatesOf[cell];
  return {
    spec,
    build(inputShape) {
      if (inputShape.length !== 2) throw new ShapeError(cell, 'a per-sample sequence [time, features]', fmtShape(inputShape));
      const [time, features] = inputShape as [number, number];
      const forgetBias: Initializer = (out) => {
        out.fill(0);
        out.fill(1, units, 2 * units);
      };
      const params: ParamDecl[] = [
        { name: 'kernel', shape: [features, gates * units], init: spec.kernelInitializer },
        { name: 'recurrentKernel', shape: [units, gates * units], init: spec.recurrentInitializer },
        {
          name: 'bias',
          shape: [gates * units],
          init: cell === 'lstm' && spec.unitForgetBias !== false ? forgetBias : spec.biasInitializer,
        },
      ];
      if (cell === 'gru') params.push({ name: 'recurrentBias', shape: [gates * units], init: spec.biasInitializer });
      return {
        outputShape: spec.returnSequences ? [time, units] : [units],
        params,
        forward(x, ctx) {
          const batch = x.shape[0] as number;
          const kernel = ctx.param('kernel');
          const bias = ctx.param('bias');
          // Slice the input per step rather than one big x·W: a slice's backward writes a
          // gradient the size of its source, and x (often raw data) is smaller than x·W.
          let s: State = { h: zeros([batch, units]), c: cell === 'lstm' ? zeros([batch, units]) : null };
          const outputs: Tensor[] = [];
          for (let t = 0; t < time; t++) {
            const xt = reshape(slice(x, [0, t, 0], [batch, 1, features]), [batch, features]);
            const next = step(cell, add(matmul(xt, kernel), bias), s, ctx, units, batch);
            s = spec.mask ? carryPadded(xt, next, s) : next;
            if (spec.returnSequences) outputs.push(s.h);
          }
          return spec.returnSequences ? stack(outputs, 1) : s.h;
        },
      };
    },
  };
}

const make =
  (type: Cell) =>
  (units: number, options: RecurrentOptions = {}): Layer<RecurrentSpec> =>
    recurrentLayer(parseSpec(RecurrentSpec, { type, units, ...options }, type));

/** Elman RNN over [time, features]: h = tanh(x·W + h·U + b). Output: last h, or every h with `returnSequences`. */
export const simpleRnn = make('simpleRnn');
/** LSTM over [time, features]; forget-gate bias starts at 1 unless `unitForgetBias: false`. */
export const lstm = make('lstm');
/** GRU over [time, features] (PyTorch's formulation, separate input and recurrent biases). */
export const gru = make('gru');

/** Build simpleRnn, lstm and gru layers from JSON specs. */
export const recurrentTypes: readonly LayerType[] = cells.map((type) => ({
  type,
  fromSpec: (spec: unknown) => recurrentLayer(parseSpec(RecurrentSpec, spec, `layer '${type}'`)),
}));
