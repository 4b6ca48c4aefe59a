/**
 * Population-based training: M. Jaderberg et al., "Population Based Training of Neural
 * Networks", arXiv:1711.09846 (2017). N members train with their own hyperparameters;
 * every `interval` steps each is scored on validation data ("ready", §3, p. 4), the bottom
 * fraction copies the weights *and optimizer state* of a random top-fraction member
 * (exploit, truncation selection, §4.1 p. 6) and perturbs its hyperparameters by ×0.8/×1.2
 * or resamples them (explore). The members run one after another in this thread, so a
 * run is deterministic; the copied optimizer state makes an exploited member continue
 * exactly as its source would have with the new hyperparameters.
 *
 * One step = one gradient step of every live member. `extras.pbtSchedule` lists every
 * member's hyperparameters at the start and after every ready round; `extras.bestSchedule`
 * is the schedule the returned member actually followed (its inherited lineage).
 */
import { type FitRequest, type FitResult, type Metrics, type Model, type Trainer, evaluateModel, validateFitRequest } from '@evoprop/core';
import { parseConfig } from '@evoprop/core/config';
import { decodeState, encodeState, runTrainingLoop } from '@evoprop/core/training';
import { Rng } from '@evoprop/tensor';
import { HybridError } from '../errors.js';
import { refine } from '../shared/refine.js';
import { batchRows, defaultModel, gatherRows, requireSupervised } from '../shared/supervised.js';
import { type ParsedPbtConfig, type PbtConfig, pbtConfigSchema } from './config.js';
import { truncationSelection } from './exploit.js';
import { type Hyperparameters, exploreHyperparameters, memberOptimizer, sampleHyperparameters } from './hyperparameters.js';

/** One row of the discovered schedule: a member's hyperparameters from `step` on. */
export type PbtScheduleEntry = Hyperparameters &
  Readonly<{
    /** The run step (one gradient step of every member) from which these values hold. */
    step: number;
    /** Index of the member (0-based). */
    member: number;
    /** Validation score that led to this row (null at the start). */
    score: number | null;
    /** 'init', 'keep' (survived a ready round) or 'exploit' (copied `source`, then explored). */
    action: 'init' | 'keep' | 'exploit';
    /** The member copied by an 'exploit' row; null otherwise. */
    source: number | null;
  }>;

type Member = {
  hyper: Hyperparameters;
  optimizer: unknown;
  score: number | null;
  /** Tie-break of equal scores: minus the validation loss. */
  tiebreak: number;
  dead: string | null;
  loss: number;
  accuracy: number | null;
  lineage: PbtScheduleEntry[];
};

type PbtState = { models: Model[]; members: Member[]; schedule: PbtScheduleEntry[] };
type Snapshot = { vectors: Float32Array[]; buffers: (Float32Array | null)[]; members: Member[]; schedule: PbtScheduleEntry[] };

export class PbtTrainer implements Trainer {
  readonly id = 'pbt';
  /** The parsed config (defaults filled in). */
  readonly config: ParsedPbtConfig;

  constructor(config: PbtConfig = {}) {
    this.config = parseConfig(pbtConfigSchema, config, 'pbt config');
  }

  async fit(request: FitRequest): Promise<FitResult> {
    validateFitRequest(request, this.id); // before the members are built from the task, not at the loop's entry
    const task = requireSupervised(request.task, 'pbt.fit');
    const config = this.config;
    const searchesDropout = config.search.dropout !== 0;
    if (request.model !== undefined && searchesDropout) {
      throw new HybridError(
        'pbt config search.dropout',
        "0 with a model from the request (dropout is added to the default model's hidden layers only)",
        JSON.stringify(config.search.dropout),
      );
    }
    const build = (dropout: number, rng: Rng): Model => request.model?.clone() ?? defaultModel(task, { ...config.model, dropout }, rng);
    const scoring = task.validation.x.shape[0] ? task.validation : task.train;

    const entry = (
      step: number,
      member: number,
      m: Member,
      action: PbtScheduleEntry['action'],
      source: number | null,
    ): PbtScheduleEntry => ({
      step,
      member,
      ...m.hyper,
      score: m.score,
      action,
      source,
    });

    /** Rebuild a member's model when its dropout rate changed (the weights carry over: dropout has none). */
    const withDropout = (model: Model, dropout: number): Model => {
      if (!searchesDropout || dropoutOf(model) === dropout) return model;
      const next = build(dropout, Rng.fromSeed('pbt/rebuild'));
      next.params.setVector(model.params.vector);
      if (model.buffers !== undefined) next.buffers?.setVector(model.buffers.vector);
      return next;
    };

    const bestIndex = (s: PbtState): number => {
      let best = -1;
      s.members.forEach((m, i) => {
        if (m.dead !== null) return;
        const b = best < 0 ? null : (s.members[best] as Member);
        const better =
          b === null ||
          (m.score !== null && (b.score === null || m.score > b.score || (m.score === b.score && m.tiebreak > b.tiebreak))) ||
          (m.score === null && b.score === null && m.loss < b.loss);
        if (better) best = i;
      });
      return Math.max(0, best);
    };

    /** Score every live member on the same validation rows; exploit and explore. */
    const ready = (s: PbtState, step: number, rng: Rng, meter: import('@evoprop/core').CostMeter): Metrics => {
      const n = scoring.x.shape[0] as number;
      const rows =
        config.fitnessBatchSize === null || config.fitnessBatchSize >= n
          ? null
          : rng.fork('rows').permutation(n).subarray(0, config.fitnessBatchSize);
      const split = rows === null ? scoring : { x: gatherRows(scoring.x, rows), y: gatherRows(scoring.y, rows) };
      s.members.forEach((m, i) => {
        if (m.dead !== null) {
          m.score = Number.NEGATIVE_INFINITY;
          m.tiebreak = Number.NEGATIVE_INFINITY;
          return;
        }
        const v = evaluateModel(s.models[i] as Model, split, task, { meter });
        const loss = v.loss as number;
        m.score = task.problem === 'classification' ? (v.accuracy as number) : -loss;
        m.tiebreak = Number.isFinite(loss) ? -loss : Number.NEGATIVE_INFINITY;
        if (!Number.isFinite(m.score)) m.score = Number.NEGATIVE_INFINITY;
      });
      const combined = s.members.map((m) => (m.score as number) + 1e-9 * Math.tanh(m.tiebreak));
      const replaced = new Map<number, number>();
      for (const { member, source } of truncationSelection(combined, config.truncation, rng.fork('exploit'))) replaced.set(member, source);
      // Copy from the pre-round state, so a chain of replacements never copies a member that was just overwritten.
      const before = s.members.map((m, i) => ({
        vector: Float32Array.from((s.models[i] as Model).params.vector),
        buffers: s.models[i]?.buffers?.vector.slice() ?? null,
        m,
      }));
      for (const [member, source] of replaced) {
        const src = before[source] as (typeof before)[number];
        const hyper = exploreHyperparameters(config.search, src.m.hyper, rng.fork(`explore/${member}`), {
          factors: config.perturbFactors,
          resampleProbability: config.resampleProbability,
        });
        const model = withDropout(s.models[member] as Model, hyper.dropout);
        model.params.setVector(src.vector);
        if (src.buffers !== null) model.buffers?.setVector(src.buffers);
        s.models[member] = model;
        s.members[member] = {
          hyper,
          optimizer: structuredClone(src.m.optimizer),
          score: src.m.score,
          tiebreak: src.m.tiebreak,
          dead: null,
          loss: src.m.loss,
          accuracy: src.m.accuracy,
          lineage: [...src.m.lineage],
        };
      }
      s.members.forEach((m, i) => {
        const e = entry(step, i, m, replaced.has(i) ? 'exploit' : 'keep', replaced.get(i) ?? null);
        m.lineage.push(e);
        s.schedule.push(e);
        request.onEvent?.({
          type: 'diagnostic',
          step,
          name: `pbt/member-${i}`,
          values: { ...m.hyper, score: Number.isFinite(m.score) ? (m.score as number) : -1, exploitedFrom: e.source ?? -1 },
        });
      });
      const best = s.members[bestIndex(s)] as Member;
      return task.problem === 'classification'
        ? { 'val.accuracy': best.score as number, 'val.loss': -best.tiebreak }
        : { 'val.loss': -best.tiebreak };
    };

    const trainRows = task.train.x.shape[0] as number;
    const readyRows = batchRows(scoring.x.shape[0] as number, config.fitnessBatchSize);
    return runTrainingLoop<PbtState>(request, {
      trainerId: this.id,
      // Exact caps: a round (one step per live member, and the ready scoring every interval) that
      // does not fit is not started (FLOPs: predicted from the rounds so far).
      nextStepCost: (s, step) => {
        const alive = s.members.filter((m) => m.dead === null);
        const samples = alive.reduce((sum, m) => sum + batchRows(trainRows, m.hyper.batchSize), 0);
        const ready = step % config.interval === 0 ? alive.length * readyRows : 0;
        return { gradientSteps: alive.length, evaluations: samples + ready, generations: 0, epochs: 0 };
      },
      init: () => {
        const s: PbtState = { models: [], members: [], schedule: [] };
        for (let i = 0; i < config.populationSize; i++) {
          const hyper = sampleHyperparameters(config.search, request.rng.fork(`hyper/${i}`));
          const model = build(hyper.dropout, request.rng.fork(`init/${i}`));
          const optimizer = memberOptimizer(config.optimizer, hyper, model.params.trainableMask()).init(model.params.size);
          const m: Member = {
            hyper,
            optimizer,
            score: null,
            tiebreak: Number.NEGATIVE_INFINITY,
            dead: null,
            loss: Number.POSITIVE_INFINITY,
            accuracy: null,
            lineage: [],
          };
          const e = entry(0, i, m, 'init', null);
          m.lineage.push(e);
          s.schedule.push(e);
          s.models.push(model);
          s.members.push(m);
        }
        return s;
      },
      snapshot: (s): unknown => {
        const snap: Snapshot = {
          vectors: s.models.map((m) => Float32Array.from(m.params.vector)),
          buffers: s.models.map((m) => (m.buffers === undefined ? null : Float32Array.from(m.buffers.vector))),
          members: s.members,
          schedule: s.schedule,
        };
        return encodeState(snap);
      },
      restore: (raw) => {
        const snap = decodeState(raw) as Snapshot;
        const models = snap.members.map((m, i) => {
          const model = build(m.hyper.dropout, Rng.fromSeed('pbt/restore'));
          model.params.setVector(snap.vectors[i] as Float32Array);
          const b = snap.buffers[i];
          if (b !== null && b !== undefined) model.buffers?.setVector(b);
          return model;
        });
        return { models, members: snap.members, schedule: snap.schedule };
      },
      step: (s, ctx) => {
        let bestLoss = Number.POSITIVE_INFINITY;
        let bestAccuracy: number | null = null;
        s.members.forEach((m, i) => {
          if (m.dead !== null) return;
          const model = s.models[i] as Model;
          const r = refine({
            model,
            task,
            optimizer: memberOptimizer(config.optimizer, m.hyper, model.params.trainableMask()),
            state: m.optimizer,
            steps: 1,
            batchSize: m.hyper.batchSize,
            rng: ctx.rng.fork(`member/${i}`),
            meter: ctx.meter,
          });
          if (r.diverged !== undefined) {
            m.dead = `${r.diverged} at step ${ctx.step}`;
            return;
          }
          m.optimizer = r.state;
          m.loss = r.loss;
          m.accuracy = r.accuracy ?? null;
          if (r.loss < bestLoss) {
            bestLoss = r.loss;
            bestAccuracy = r.accuracy ?? null;
          }
        });
        const alive = s.members.filter((m) => m.dead === null).length;
        if (alive === 0) return { metrics: {}, diverged: `every member diverged (${s.members.map((m) => m.dead).join('; ')})` };
        const metrics: Record<string, number> = { loss: bestLoss, alive };
        if (bestAccuracy !== null) metrics.accuracy = bestAccuracy;
        if (ctx.step % config.interval === 0) Object.assign(metrics, ready(s, ctx.step, ctx.rng.fork('ready'), ctx.meter));
        metrics.learningRate = (s.members[bestIndex(s)] as Member).hyper.learningRate;
        return { metrics };
      },
      model: (s) => s.models[bestIndex(s)] as Model,
      finalMetrics: (m) => evaluateModel(m, (task.test.x.shape[0] ?? 0) > 0 ? task.test : task.validation, task),
      extras: (s) => {
        const best = bestIndex(s);
        return {
          pbtSchedule: s.schedule,
          bestMember: best,
          bestSchedule: (s.members[best] as Member).lineage,
          finalHyperparameters: s.members.map((m) => m.hyper),
          deadMembers: s.members.flatMap((m, i) => (m.dead === null ? [] : [{ member: i, reason: m.dead }])),
        };
      },
    });
  }
}

/** The dropout rate of a default model (0 when it has no dropout layer). */
function dropoutOf(model: Model): number {
  const layers = (model.spec as { layers?: readonly { type: string; rate?: number }[] }).layers ?? [];
  return layers.find((l) => l.type === 'dropout')?.rate ?? 0;
}
