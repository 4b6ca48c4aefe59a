import { type Budget, type Cost, type Model, type SupervisedTask, type Trainer, evaluateModel } from '@evoprop/core';
import type { Rng } from '@evoprop/tensor';
import { withHead } from './fine-tune.js';

/** The task's headline score of a model on its test split, oriented so higher is better (accuracy, or −mse). */
export function score(model: Model, task: SupervisedTask): number {
  const m = evaluateModel(model, task.test, task);
  return task.metric === 'accuracy' ? (m.accuracy as number) : -(m.mse ?? m.loss ?? Number.NaN);
}

/** What {@link measureForgetting} returns: source-task scores (higher is better: accuracy, or −mse) before and after. */
export type ForgettingReport = Readonly<{
  /** Source-task test score of the model before learning the target task. */
  before: number;
  /** Source-task test score after learning the target task (under `sourceHead` when given). */
  after: number;
  /** before − after: positive when the source task was forgotten. */
  forgetting: number;
}>;

/**
 * Forgetting (Chaudhry et al. 2018, "Riemannian walk for incremental learning", §4): the drop of
 * the source task's score from before to after learning the target task. With `sourceHead`, the
 * fine-tuned model's trunk is evaluated under the source's own head (task-incremental, multi-head).
 *
 * @example
 * measureForgetting({ sourceTask: digits04, before: pretrained, after: result.model, sourceHead: splitModel(pretrained).head });
 */
export function measureForgetting(
  options: Readonly<{
    /** The task learned first; scored on its test split. */
    sourceTask: SupervisedTask;
    /** The model before learning the target task (e.g. the pretrained base). */
    before: Model;
    /** The model after learning the target task. */
    after: Model;
    /** The source task's own head, put on `after`'s trunk before scoring (multi-head evaluation). Default: score `after` as is. */
    sourceHead?: Model;
    /** Where `after` splits into trunk and head (layer count or name); default: below its last parametrised layer. */
    headAt?: number | string;
  }>,
): ForgettingReport {
  const before = score(options.before, options.sourceTask);
  const view = options.sourceHead === undefined ? options.after : withHead(options.after, options.sourceHead, options.headAt);
  const after = score(view, options.sourceTask);
  return { before, after, forgetting: before - after };
}

/** What {@link forwardTransfer} returns: both runs' target-task scores, costs and models. */
export type ForwardTransferReport = Readonly<{
  /** Target test score of the transferred model (higher is better: accuracy, or −mse). */
  transfer: number;
  /** Target test score of the model trained from scratch. */
  scratch: number;
  /** transfer − scratch (Lopez-Paz & Ranzato 2017, "Gradient episodic memory", §4: FWT). */
  forwardTransfer: number;
  /** Labelled training samples both saw. */
  labels: number;
  /** What the transfer run cost (FLOPs, evaluations, gradient steps, ...). */
  transferCost: Cost;
  /** What the from-scratch run cost. */
  scratchCost: Cost;
  /** The transferred model after training. */
  transferModel: Model;
  /** The from-scratch model after training. */
  scratchModel: Model;
}>;

/**
 * Forward transfer at equal budget and label count: fit `transfer` and `scratch` on the same
 * task (same training labels), with the same budget and seed, and compare test scores.
 */
export async function forwardTransfer(
  options: Readonly<{
    /** The target task both trainers fit. */
    task: SupervisedTask;
    /** The transfer-learning trainer (e.g. a {@link TransferTrainer}). */
    transfer: Trainer;
    /** The from-scratch baseline trainer. */
    scratch: Trainer;
    /** The budget of each run (the same for both). */
    budget: Budget;
    /** Seeds both runs, forked as 'transfer' and 'scratch'. */
    rng: Rng;
    /** Starting model of the scratch run (for the same architecture as the transferred one). Default: the trainer's own. */
    scratchModel?: Model;
  }>,
): Promise<ForwardTransferReport> {
  const { task, budget } = options;
  const t = await options.transfer.fit({ task, budget, rng: options.rng.fork('transfer') });
  const s = await options.scratch.fit({
    task,
    budget,
    rng: options.rng.fork('scratch'),
    ...(options.scratchModel === undefined ? {} : { model: options.scratchModel }),
  });
  const transfer = score(t.model, task);
  const scratch = score(s.model, task);
  return {
    transfer,
    scratch,
    forwardTransfer: transfer - scratch,
    labels: task.train.y.shape[0] ?? 0,
    transferCost: t.cost,
    scratchCost: s.cost,
    transferModel: t.model,
    scratchModel: s.model,
  };
}
