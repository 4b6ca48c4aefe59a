import type { Budget, FitResult, Metrics, ProgressEvent, SupervisedTask, TargetMetric, Task } from '@evoprop/core';
import { withRecommendedModel } from '@evoprop/core/config';
import { saveModel } from '@evoprop/core/io';
import { heldOutMetrics, judgedValue } from '@evoprop/core/training';
import { sampleSequences } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import type { Catalog } from '../catalog/catalog.js';
import type { RunSpec } from '../experiment/experiment.js';
import { type Reconstructions, decisionBoundary, directionOf, downsample, reconstructions, testMetric } from './evaluate.js';
import { sanitizeExtras } from './extras.js';
import { startModel, taskModel } from './start-model.js';
import { meanReturn, objectiveValue } from './episodes.js';
import { anytimeTrace } from './anytime.js';
import { type CurvePoint, type Direction, type RunRecord, failedRecord, runIdentity } from './record.js';

export type RunOptions = Readonly<{
  /**
   * Receives the trained model as safetensors bytes, to be written by the coordinator (whatever
   * thread or machine ran the job never writes model files itself).
   */
  onModelFile?: (bytes: Uint8Array) => void;
}>;

/**
 * A run's progress event: the share of its budget spent (`fraction`, the largest over its caps), the
 * headline metric's latest value, the trainer's step, and (from this version on) the cost so far in
 * every currency, so a progress line can state its units.
 */
export type RunProgress = Readonly<{
  runId: string;
  fraction: number;
  metric: string;
  value: number | null;
  step: number;
  cost?: ProgressEvent['cost'];
}>;

const capKeys = ['flops', 'evaluations', 'gradientSteps', 'epochs', 'generations', 'wallSeconds'] as const;

/** How far through its budget a run is, 0..1. */
export function budgetFraction(budget: Budget, cost: ProgressEvent['cost']): number {
  let f = 0;
  for (const k of capKeys) {
    const cap = budget[k];
    if (cap !== undefined) f = Math.max(f, cost[k] / cap);
  }
  return Math.min(1, f);
}

/** Which history metric to draw: the validation variant of the headline metric when reported (held out), else the metric itself. */
function pickCurveMetric(history: readonly ProgressEvent[], metric: string): string | null {
  const candidates = [`val.${metric}`, `validation.${metric}`, metric, `train.${metric}`, `test.${metric}`];
  for (const c of candidates) if (history.some((e) => typeof e.metrics[c] === 'number')) return c;
  return null;
}

const finiteOrNull = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

type Target = NonNullable<RunRecord['target']>;

function targetOf(budget: Budget, given: TargetMetric | undefined, task: Task, metric: string): Target | null {
  const t = budget.target ?? given;
  if (t !== undefined) return { metric: t.metric, value: t.value, direction: t.direction ?? directionOf(t.metric) };
  if (task.solvedAt !== undefined) return { metric, value: task.solvedAt, direction: directionOf(metric) };
  return null;
}

const meets = (v: number | null, t: Target): boolean => v !== null && (t.direction === 'max' ? v >= t.value : v <= t.value);

/**
 * Run one task × trainer × seed cell in this thread and describe it as a {@link RunRecord}.
 * Never throws for a failing trainer: a crash or divergence becomes a failed record with its reason.
 * Returns null when the run was aborted (so a resumed experiment runs it again).
 */
export async function executeRun(
  spec: RunSpec,
  catalog: Catalog,
  signal: AbortSignal,
  onProgress: (p: RunProgress) => void = () => {},
  options: RunOptions = {},
): Promise<RunRecord | null> {
  const started = performance.now();
  const base = runIdentity(spec);
  let metric = 'metric';
  let direction: Direction = 'max';
  const failed = (reason: string, status: RunRecord['status'] = 'crashed', partial: Partial<RunRecord> = {}): RunRecord =>
    failedRecord(spec, reason, (performance.now() - started) / 1000, status, { metric, direction, ...partial });

  let task: Task;
  let result: FitResult;
  try {
    const taskEntry = catalog.tasks.get(spec.taskId);
    const trainerEntry = catalog.trainers.get(spec.trainerId);
    if (taskEntry === undefined) return failed(`task '${spec.taskId}' is not registered in this worker`);
    if (trainerEntry === undefined) return failed(`trainer '${spec.trainerId}' is not registered in this worker`);
    task = await taskEntry.create(spec.taskSeed, spec.taskOptions);
    metric = task.metric;
    direction = directionOf(metric);
    // The task's recommended network unless the experiment sets one: only the strategy differs.
    const trainer = trainerEntry.create(withRecommendedModel(trainerEntry.configSchema, spec.config, task.recommendedModel));
    const model =
      spec.start !== undefined
        ? startModel(spec.start, task, Rng.fromSeed(spec.seed).fork('arena/start'))
        : spec.taskModel !== undefined
          ? taskModel(spec.taskModel, task, Rng.fromSeed(spec.seed).fork('arena/model'))
          : undefined;
    let lastReport = 0;
    const returned: unknown = await trainer.fit({
      task,
      rng: Rng.fromSeed(spec.seed).fork(`arena/${spec.trainerId}`),
      budget: spec.budget,
      // One truth for cost to target: the returned model's held-out value at every event.
      ...(spec.budget.target !== undefined || spec.target !== undefined || task.solvedAt !== undefined ? { judgeEvents: true } : {}),
      ...(model !== undefined ? { model } : {}),
      signal,
      onEvent: (e) => {
        if (e.type !== 'progress') return;
        const now = performance.now();
        if (now - lastReport < 100) return;
        lastReport = now;
        onProgress({
          runId: spec.runId,
          fraction: budgetFraction(spec.budget, e.cost),
          metric,
          value: finiteOrNull(e.metrics[metric]),
          step: e.step,
          cost: e.cost,
        });
      },
    });
    if (typeof returned !== 'object' || returned === null || (returned as Partial<FitResult>).model === undefined) {
      return failed(`trainer '${spec.trainerId}' returned ${describeValue(returned)} from fit, expected a FitResult with a model`);
    }
    result = returned as FitResult;
  } catch (e) {
    if (signal.aborted) return null;
    const err = e as Error;
    return failed(`${err.name ?? 'Error'}: ${err.message ?? String(e)}`);
  }
  if (result.status === 'aborted' || signal.aborted) return null;

  const history = result.history;
  const curveMetric = pickCurveMetric(history, metric);
  const kept = downsample(history, spec.curvePoints);
  const curve: CurvePoint[] = kept.map((e) => ({
    step: e.step,
    flops: e.cost.flops,
    evaluations: e.cost.evaluations,
    value: curveMetric === null ? null : finiteOrNull(e.metrics[curveMetric]),
  }));
  const traced =
    curveMetric === null ? null : anytimeTrace(history, curveMetric, direction, task.kind === 'objective' ? task.optimum : null);
  const anytime = traced?.trace ?? null;
  const target = targetOf(spec.budget, spec.target, task, metric);
  // The held-out value of the returned model during training: `val.<metric>` (runTrainingLoop
  // adds it at every event when the budget has a target).
  const targetKey = target === null ? null : target.metric.startsWith('val.') ? target.metric : `val.${target.metric}`;
  const firstHit =
    target === null || targetKey === null ? undefined : history.find((e) => meets(finiteOrNull(e.metrics[targetKey]), target));
  const cost = {
    flops: result.cost.flops,
    evaluations: result.cost.evaluations,
    gradientSteps: result.cost.gradientSteps,
    epochs: result.cost.epochs,
    generations: result.cost.generations,
  };
  const extras = sanitizeExtras(result.extras);
  const metrics: Metrics = Object.fromEntries(Object.entries(result.metrics).filter(([, v]) => Number.isFinite(v)));
  const model = {
    kind: String(result.model.spec.kind),
    parameters: result.model.params.size,
    spec: JSON.parse(JSON.stringify(result.model.spec)) as unknown,
  };

  if (result.status === 'diverged') {
    return failed(result.reason || `diverged at step ${result.divergedAtStep ?? '?'}`, 'diverged', {
      cost,
      curveMetric,
      curve,
      extras,
      model,
    });
  }

  const nonFinite = result.model.params.vector.findIndex((v) => !Number.isFinite(v));
  if (nonFinite >= 0) {
    return failed(
      `the trained model's parameters are not finite: parameter ${nonFinite} is ${result.model.params.vector[nonFinite]}`,
      'diverged',
      { cost, curveMetric, curve, extras, model },
    );
  }

  if (options.onModelFile !== undefined) {
    try {
      options.onModelFile(saveModel(result.model));
    } catch (e) {
      return failed(`saving the trained model failed: ${(e as Error).message}`, 'crashed', { cost, curveMetric, curve, extras, model });
    }
  }

  let final: number | null;
  let boundary: RunRecord['boundary'] = null;
  let samples: string[] | null = null;
  let reconstructed: Reconstructions | null = null;
  try {
    if (task.kind === 'supervised') {
      // A tuning trial is scored on the validation split: the test split stays unseen until the evaluation runs.
      final = testMetric(result.model, spec.tuning?.role === 'trial' ? { ...task, test: task.validation } : task);
      if (task.problem === 'classification' && task.inputShape.length === 1 && task.inputShape[0] === 2) {
        boundary = decisionBoundary(result.model, task, spec.boundaryGrid);
      }
      samples = sampledText(result.model, task, spec.seed);
      reconstructed = reconstructions(result.model, task);
    } else if (task.kind === 'control') {
      final = meanReturn(result.model, task);
    } else {
      final = task.dimension === result.model.params.size ? objectiveValue(result.model, task) : finiteOrNull(result.metrics[metric]);
    }
  } catch (e) {
    return failed(`evaluating the trained model failed: ${(e as Error).message}`, 'crashed', { cost, curveMetric, curve, extras, model });
  }
  if (final === null || !Number.isFinite(final)) {
    return failed(`the trained model's ${metric} is not a finite number`, 'diverged', { cost, curveMetric, curve, extras, model });
  }
  // One truth (core's README): solved means the model the run returned meets the target on held-out
  // data, evaluated here, whatever the trainer's history claims; its cost to target is the first
  // event whose returned model met it on held-out data, or the whole run when none says so.
  let heldOut: number | null = null;
  if (target !== null) {
    try {
      heldOut = finiteOrNull(judgedValue(target, heldOutMetrics(task, result.model), spec.trainerId));
    } catch {
      heldOut = null; // a target on a metric no held-out evaluation reports is never met
    }
  }
  const solved = target !== null && meets(heldOut, target);
  const hit: Pick<ProgressEvent, 'step' | 'cost'> | undefined = !solved
    ? undefined
    : (firstHit ?? { step: history[history.length - 1]?.step ?? 0, cost: result.cost });
  return {
    ...base,
    ok: true,
    status: result.status,
    reason: result.reason,
    metric,
    direction,
    final,
    metrics,
    target,
    solved,
    reached: hit === undefined ? null : { step: hit.step, flops: hit.cost.flops, evaluations: hit.cost.evaluations },
    cost,
    curveMetric,
    curve,
    anytime,
    boundary,
    extras:
      samples === null && reconstructed === null
        ? extras
        : {
            ...(extras ?? {}),
            ...(samples === null ? {} : { samples }),
            ...(reconstructed === null ? {} : { reconstructions: reconstructed }),
          },
    model,
    timing: {
      wallSeconds: (performance.now() - started) / 1000,
      reachedWallSeconds: hit === undefined ? null : hit.cost.wallSeconds,
      curveWallSeconds: kept.map((e) => e.cost.wallSeconds),
      ...(traced !== null ? { anytimeWallSeconds: traced.wallSeconds } : {}),
    },
  };
}

/** A short description of an unexpected value (`NaN`, `undefined`, `a string`). */
function describeValue(v: unknown): string {
  if (typeof v === 'number' || v === undefined || v === null) return String(v);
  return typeof v === 'object' ? 'an object without a model' : `a ${typeof v}`;
}

/**
 * Ten names sampled at temperature 0.8 from a next-token model of a text task (padded token ids
 * with a masked loss and `tokens`, as the names task has), seeded by the run; null for other tasks.
 */
function sampledText(model: FitResult['model'], task: SupervisedTask & { tokens?: readonly string[] }, seed: number): string[] | null {
  const time = task.inputShape[0];
  if (task.loss !== 'masked-softmax-cross-entropy' || task.tokens === undefined || task.inputShape.length !== 1 || time === undefined)
    return null;
  return sampleSequences(model, task.tokens, Rng.fromSeed(seed).fork('arena/samples'), { count: 10, time, temperature: 0.8 });
}
