/**
 * Forgetting-resistant penalties, each a scalar Tensor built from ops, so autograd gives
 * its gradient and the tests check it against finite differences.
 *
 * - L2-SP: Li, Grandvalet & Davoine 2018, "Explicit inductive bias for transfer learning
 *   with convolutional networks" (ICML), eq. 3: Ω(w) = α/2 ‖w_S − w⁰_S‖² + β/2 ‖w_S̄‖²,
 *   pulling the shared weights toward the pretrained ones and decaying the new ones.
 * - EWC: Kirkpatrick et al. 2017, "Overcoming catastrophic forgetting in neural networks"
 *   (PNAS 114(13), p. 3522, eq. 3): L = L_B + Σᵢ λ/2 Fᵢ (θᵢ − θ*_A,ᵢ)², with F the diagonal
 *   Fisher information estimated on task A.
 * - LwF: Li & Hoiem 2017, "Learning without Forgetting" (TPAMI 40(12)), eq. 2 and p. 5:
 *   the old head's outputs on the new task's images are kept close to the ones the original
 *   network recorded, by a cross-entropy between temperature-softened distributions (T = 2).
 */
import { Tensor, add, div, logSoftmax, mul, neg, scalar, softmax, square, sub, sum } from '@evoprop/tensor';
import { TransferError } from './errors.js';

/** Values by parameter name (reference weights, Fisher diagonals). */
export type NamedArrays = ReadonlyMap<string, Float32Array>;

/** How a penalty sees the parameters being trained: by name, as tensors in the current graph. */
export type ParamLookup = Readonly<{
  /** Names of the parameters the penalty ranges over. */
  names: readonly string[];
  /** The parameter called `name`, as a tensor that records gradients in the current graph. */
  get(name: string): Tensor;
}>;

/** Options of {@link l2SpPenalty} (Li, Grandvalet & Davoine 2018, eq. 3). */
export type L2SpOptions = Readonly<{
  /** Strength of the pull toward the starting point on the shared (pretrained) weights. */
  alpha: number;
  /** Plain weight decay on the parameters the source did not have (the new head). Default 0. */
  beta?: number;
  /** The pretrained weights w⁰, by name. */
  reference: NamedArrays;
}>;

/** A constant (no grad) tensor over `data`, checked against the parameter it pairs with. */
const constant = (data: Float32Array, like: Tensor, what: string): Tensor => {
  if (data.length !== like.size) throw new TransferError(what, `${like.size} values (the parameter's size)`, `${data.length}`);
  return new Tensor(data, like.shape);
};

const halfSumSquares = (t: Tensor): Tensor => mul(sum(square(t)), scalar(0.5));

/** L2-SP penalty: α/2 Σ_shared (w − w⁰)² + β/2 Σ_new w². */
export function l2SpPenalty(params: ParamLookup, options: L2SpOptions): Tensor {
  const { alpha, beta = 0, reference } = options;
  if (!(alpha >= 0) || !(beta >= 0)) throw new TransferError('l2Sp', 'alpha ≥ 0 and beta ≥ 0', `alpha ${alpha}, beta ${beta}`);
  let total: Tensor = scalar(0);
  for (const name of params.names) {
    const w = params.get(name);
    const w0 = reference.get(name);
    if (w0 !== undefined) {
      if (alpha > 0) total = add(total, mul(halfSumSquares(sub(w, constant(w0, w, `l2Sp reference '${name}'`))), scalar(alpha)));
    } else if (beta > 0) total = add(total, mul(halfSumSquares(w), scalar(beta)));
  }
  return total;
}

/** Options of {@link ewcPenalty} (Kirkpatrick et al. 2017, eq. 3). */
export type EwcOptions = Readonly<{
  /** λ: how much the old task matters. */
  lambda: number;
  /** θ*_A: the weights after the source task, by name. */
  reference: NamedArrays;
  /** Diagonal Fisher information on the source task, by name (see `estimateFisher`). */
  fisher: NamedArrays;
}>;

/** EWC penalty: λ/2 Σᵢ Fᵢ (θᵢ − θ*ᵢ)² over the parameters that have both a reference and a Fisher value. */
export function ewcPenalty(params: ParamLookup, options: EwcOptions): Tensor {
  const { lambda, reference, fisher } = options;
  if (!(lambda >= 0)) throw new TransferError('ewc', 'lambda ≥ 0', String(lambda));
  let total: Tensor = scalar(0);
  for (const name of params.names) {
    const f = fisher.get(name);
    const ref = reference.get(name);
    if (f === undefined || ref === undefined) continue;
    const w = params.get(name);
    const d = sub(w, constant(ref, w, `ewc reference '${name}'`));
    total = add(total, sum(mul(constant(f, w, `ewc fisher '${name}'`), square(d))));
  }
  return mul(total, scalar(lambda / 2));
}

/** Options of {@link distillationLoss} (Li & Hoiem 2017, eq. 2; Hinton, Vinyals & Dean 2015). */
export type DistillationOptions = Readonly<{
  /** T: both distributions are softmax(z / T). LwF uses 2. */
  temperature: number;
}>;

/**
 * Knowledge-distillation loss of LwF: mean over rows of −Σ_c softmax(t/T)_c · log softmax(z/T)_c,
 * where `t` are the recorded old outputs (constants) and `z` the current ones.
 */
export function distillationLoss(logits: Tensor, recorded: Tensor, options: DistillationOptions): Tensor {
  const T = options.temperature;
  if (!(T > 0)) throw new TransferError('distillation temperature', 'a number > 0', String(T));
  if (logits.shape.length !== 2 || recorded.shape.some((d, i) => d !== logits.shape[i]) || recorded.shape.length !== 2) {
    throw new TransferError('distillationLoss', `recorded outputs of shape [${logits.shape.join(', ')}]`, `[${recorded.shape.join(', ')}]`);
  }
  const target = softmax(div(new Tensor(recorded.data, recorded.shape), scalar(T)));
  const logq = logSoftmax(div(logits, scalar(T)));
  const rows = logits.shape[0] as number;
  return div(neg(sum(mul(target, logq))), scalar(Math.max(1, rows)));
}
