/**
 * Scoring and sampling character-level language models: loss per real token in nats and bits,
 * the count baselines every model must beat (unigram and bigram, Jurafsky & Martin, SLP3 ch. 3),
 * and seeded sampling with a temperature.
 */
import { type Model, type Split, evaluateModel } from '@evoprop/core';
import { type Rng, Tensor, noGrad } from '@evoprop/tensor';
import { TaskError } from '../errors.js';

/** Mean loss per real (non-padding) target token. */
export type TokenLoss = Readonly<{
  /** Nats per token (natural log). */
  nats: number;
  /** Bits per token: nats / ln 2. */
  bits: number;
  /** Real tokens scored. */
  tokens: number;
}>;

const toLoss = (nats: number, tokens: number): TokenLoss => ({ nats, bits: nats / Math.LN2, tokens });

/**
 * A model's mean next-token cross-entropy on a split of a padded sequence task, over its real
 * tokens only (targets ≠ 0), in nats and bits per token.
 * @example tokenLoss(model, task.test) // { nats: 1.98, bits: 2.86, tokens: 5,851 }
 */
export function tokenLoss(model: Model, split: Split, options: Readonly<{ batchSize?: number }> = {}): TokenLoss {
  const metrics = evaluateModel(model, split, { loss: 'masked-softmax-cross-entropy', problem: 'classification' }, options);
  return toLoss(metrics.loss as number, countReal(split.y));
}

function countReal(y: Tensor): number {
  let count = 0;
  for (const v of y.data) if (v !== 0) count++;
  return count;
}

/** Cross-entropy of `test`'s real targets under add-`smoothing` counts from `train`, keyed by `context(split, i)`. */
function countBaseline(
  train: Split,
  test: Split,
  classes: number,
  smoothing: number,
  contextOf: (x: Float32Array, i: number) => number,
  contexts: number,
): TokenLoss {
  if (!(smoothing > 0)) throw new TaskError(`count baseline: expected a smoothing constant > 0, got ${smoothing}`);
  const counts = new Float64Array(contexts * classes);
  const totals = new Float64Array(contexts);
  const ty = train.y.data;
  for (let i = 0; i < ty.length; i++) {
    const y = ty[i] as number;
    if (y === 0) continue;
    const c = contextOf(train.x.data, i);
    counts[c * classes + y] = (counts[c * classes + y] as number) + 1;
    totals[c] = (totals[c] as number) + 1;
  }
  // Padding (class 0) is never a target: smooth over the classes - 1 real ones.
  const real = classes - 1;
  let nats = 0;
  let tokens = 0;
  const sy = test.y.data;
  for (let i = 0; i < sy.length; i++) {
    const y = sy[i] as number;
    if (y === 0) continue;
    const c = contextOf(test.x.data, i);
    nats -= Math.log(((counts[c * classes + y] as number) + smoothing) / ((totals[c] as number) + smoothing * real));
    tokens++;
  }
  return toLoss(tokens === 0 ? Number.NaN : nats / tokens, tokens);
}

/**
 * The unigram baseline: every next token drawn from the training targets' frequencies
 * (add-`smoothing` counts, default 1), scored on `test`'s real tokens.
 * @example unigramLoss(task.train, task.test, task.outputSize).bits // ≈ 4.1 bits/char on names
 */
export function unigramLoss(train: Split, test: Split, classes: number, smoothing = 1): TokenLoss {
  return countBaseline(train, test, classes, smoothing, () => 0, 1);
}

/**
 * The bigram baseline: the next token given the current input token (inputs and targets are
 * aligned, so the input at step t is the previous character), from add-`smoothing` training
 * counts (default 1), scored on `test`'s real tokens.
 * @example bigramLoss(task.train, task.test, task.outputSize).nats
 */
export function bigramLoss(train: Split, test: Split, classes: number, smoothing = 1): TokenLoss {
  return countBaseline(train, test, classes, smoothing, (x, i) => x[i] as number, classes);
}

/** Options of {@link sampleSequences}. */
export type SampleOptions = Readonly<{
  /** How many sequences. */
  count: number;
  /** The model's input length (the task's `inputShape[0]`): at most time − 1 tokens are drawn. */
  time: number;
  /** Softmax temperature: < 1 sharper, > 1 flatter. Default 1. */
  temperature?: number;
  /** The id that starts a sequence as input and ends it when sampled. Default 1 (`.`). */
  boundary?: number;
}>;

/**
 * Seeded samples from a causal next-token model over inputs [n, time] (the names task's
 * models): start from the boundary id, draw each next id from softmax(logits / temperature) over
 * the real tokens (padding never drawn), stop at the boundary or after time − 1 tokens. The same
 * model, rng state and options give the same strings.
 * @example sampleSequences(model, task.tokens, Rng.fromSeed(1), { count: 20, time: 16, temperature: 0.8 })
 */
export function sampleSequences(model: Model, tokens: readonly string[], rng: Rng, options: SampleOptions): string[] {
  const temperature = options.temperature ?? 1;
  if (!(temperature > 0)) throw new TaskError(`sampleSequences: expected a temperature > 0, got ${temperature}`);
  const boundary = options.boundary ?? 1;
  const count = options.count;
  const time = options.time;
  if (!(Number.isInteger(time) && time >= 2)) throw new TaskError(`sampleSequences: expected an input length time ≥ 2, got ${time}`);
  const classes = tokens.length;
  const x = new Float32Array(count * time);
  for (let i = 0; i < count; i++) x[i * time] = boundary;
  const out: number[][] = Array.from({ length: count }, () => []);
  const done = new Uint8Array(count);
  const probs = new Float64Array(classes);
  noGrad(() => {
    for (let t = 0; t < time - 1; t++) {
      if (done.every((d) => d === 1)) break;
      const logits = model.forward(new Tensor(x, [count, time]), 'eval').data;
      for (let i = 0; i < count; i++) {
        if (done[i] === 1) continue;
        const base = (i * time + t) * classes;
        let top = Number.NEGATIVE_INFINITY;
        for (let c = 1; c < classes; c++) top = Math.max(top, (logits[base + c] as number) / temperature);
        let total = 0;
        for (let c = 1; c < classes; c++) {
          probs[c] = Math.exp((logits[base + c] as number) / temperature - top);
          total += probs[c] as number;
        }
        let u = rng.uniform(0, total);
        let next = classes - 1;
        for (let c = 1; c < classes; c++) {
          u -= probs[c] as number;
          if (u < 0) {
            next = c;
            break;
          }
        }
        if (next === boundary) done[i] = 1;
        else {
          (out[i] as number[]).push(next);
          x[i * time + t + 1] = next;
        }
      }
    }
  });
  return out.map((ids) => ids.map((id) => tokens[id]).join(''));
}
