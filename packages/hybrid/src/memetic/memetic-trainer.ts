/**
 * Memetic training: an evolutionary strategy whose candidates are refined by local search
 * (here k gradient steps) before they are evaluated. Moscato, "On Evolution, Search,
 * Optimization, Genetic Algorithms and Martial Arts" (1989); for the two inheritance modes,
 * Whitley, Gordon & Mathias, "Lamarckian Evolution, the Baldwin Effect and Function
 * Optimization", PPSN III (1994), p. 6–7; Hinton & Nowlan, "How Learning Can Guide
 * Evolution" (1987) for the Baldwin effect.
 *
 * What write-back means per strategy: every strategy of @evoprop/evolution updates from
 * the candidate vectors it is told, so Lamarckian mode tells the *refined* vectors.
 * - GA: the refined individuals replace the sampled ones in the population; children are
 *   bred from refined parents (classic Lamarckian GA).
 * - CMA-ES / SNES: the refined points enter the recombination as if they had been sampled,
 *   so the mean moves to the weighted mean of refined winners and the covariance and σ
 *   adapt to the (sampled + gradient) steps. This is the "Lamarckian CMA-ES" variant; it
 *   breaks the sampling-distribution assumption, which CSA partly absorbs by growing σ.
 * - OpenAI-ES: the search-gradient estimate uses (x_refined − θ)/σ, i.e. the mean follows
 *   the fitness-weighted refined displacements.
 * - PGPE: only the "+" sample of each mirrored pair enters its update, so only those
 *   refinements are written back.
 * Baldwinian mode tells the sampled vectors unchanged, with the refined fitness.
 */
import {
  type Cost,
  CostMeter,
  type FitRequest,
  type FitResult,
  type Metrics,
  type Model,
  type SupervisedTask,
  type Trainer,
  accuracy,
  buildModel,
  evaluateModel,
  lossFor,
} from '@evoprop/core';
import { parseConfig } from '@evoprop/core/config';
import { runTrainingLoop, decodeState, encodeState } from '@evoprop/core/training';
// The strategy state travels in core's checkpoint codec.
import { type Strategy, type StrategyState, strategies } from '@evoprop/evolution';
import { type Tensor, noGrad } from '@evoprop/tensor';
import { HybridError } from '../errors.js';
import { refine } from '../shared/refine.js';
import { refinementOptimizer } from '../shared/optimizer.js';
import { batchRows, concatRows, defaultModel, miniBatch, requireSupervised } from '../shared/supervised.js';
import { type MemeticConfig, type ParsedMemeticConfig, memeticConfigSchema, memeticGaDefaults } from './config.js';

type ErasedStrategy = Strategy<unknown, StrategyState>;

type Best = { fitness: number; vector: Float32Array; metrics: Metrics; generation: number };
/** A refined candidate whose optimizer state later candidates can inherit. */
type PoolEntry = { vector: Float64Array; optimizer: unknown; fitness: number };
/** `selected`: the refined candidate with the best validation score (result 'validation' only). */
/** `candidateFlops`: the most one candidate's refinement and scoring has cost (its FLOPs are predicted from it). */
type MemeticState = { strategy: StrategyState; best: Best | null; pool: PoolEntry[]; selected: Best | null; candidateFlops?: number };

/** The pool entry nearest to `x` (squared L2; ties to the earlier, i.e. fitter, entry). */
function nearest(pool: readonly PoolEntry[], x: Float64Array): PoolEntry | null {
  let best: PoolEntry | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const e of pool) {
    let d = 0;
    for (let i = 0; i < x.length; i++) d += ((x[i] as number) - (e.vector[i] as number)) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = e;
    }
  }
  return best;
}

export class MemeticTrainer implements Trainer {
  readonly id = 'memetic';
  /** The parsed config (defaults filled in). */
  readonly config: ParsedMemeticConfig;
  private readonly strategy: ErasedStrategy;

  constructor(config: MemeticConfig = {}) {
    this.config = parseConfig(memeticConfigSchema, config, 'memetic config');
    this.strategy = strategies[this.config.strategy] as unknown as ErasedStrategy;
  }

  async fit(request: FitRequest): Promise<FitResult> {
    const task = requireSupervised(request.task, 'memetic.fit');
    const config = this.config;
    const fitnessSplit =
      config.fitnessSplit === 'train'
        ? task.train
        : config.fitnessSplit === 'validation'
          ? task.validation
          : { x: concatRows(task.train.x, task.validation.x), y: concatRows(task.train.y, task.validation.y) };
    if (config.fitness === 'accuracy' && task.problem !== 'classification')
      throw new HybridError('memetic.fit', "a classification task for fitness 'accuracy'", `${task.problem} task '${task.id}'`);
    if (config.result === 'validation' && (task.problem !== 'classification' || (task.validation.x.shape[0] ?? 0) === 0))
      throw new HybridError('memetic.fit', "a classification task with a validation split for result 'validation'", `task '${task.id}'`);
    if ((fitnessSplit.x.shape[0] ?? 0) === 0 || (config.fitnessSplit !== 'train' && (task.validation.x.shape[0] ?? 0) === 0))
      throw new HybridError('memetic.fit', `a non-empty ${config.fitnessSplit} split (fitnessSplit)`, '0 samples');
    const strategy = this.strategy;
    const model = request.model?.clone() ?? defaultModel(task, config.model, request.rng.fork('init'));
    const indices = model.params.trainableIndices();
    const base = Float32Array.from(model.params.vector);
    const optimizer = refinementOptimizer(config.refinement, model.params);
    const lamarckian = config.mode === 'lamarckian';
    const setCandidate = (x: Float64Array): void => {
      const v = model.params.vector;
      v.set(base);
      for (let k = 0; k < indices.length; k++) v[indices[k] as number] = x[k] as number;
    };
    const trainable = (): Float64Array => Float64Array.from(indices, (i) => model.params.vector[i] as number);
    /** Slot 0: the initial weights; slot i: a fresh initialisation drawn from `rng.fork('restart/i')`. */
    const initialCandidate = (i: number): Float64Array => {
      const v = i === 0 ? base : buildModel(model.spec, request.rng.fork(`restart/${i}`)).params.vector;
      return Float64Array.from(indices, (j) => v[j] as number);
    };
    const returned = (s: MemeticState): Float32Array => {
      if (config.result === 'best' && s.best !== null) return s.best.vector;
      if (config.result === 'validation' && s.selected !== null) return s.selected.vector;
      setCandidate(strategy.mean(s.strategy));
      return Float32Array.from(model.params.vector);
    };

    // The next generation is asked once, when its cost is predicted (ask is a pure function of the state).
    let pending: { from: StrategyState; asked: ReturnType<ErasedStrategy['ask']> } | null = null;
    const askFor = (state: StrategyState) => {
      if (pending?.from !== state) pending = { from: state, asked: strategy.ask(state) };
      return pending.asked;
    };
    const trainRows = task.train.x.shape[0] as number;
    // One candidate: k refinement batches, its fitness batch, and (result 'validation') the validation split.
    const perCandidate =
      config.refinement.steps * batchRows(trainRows, config.refinement.batchSize) +
      batchRows(fitnessSplit.x.shape[0] as number, config.fitnessBatchSize) +
      (config.result === 'validation' ? (task.validation.x.shape[0] as number) : 0);

    // Before any candidate has run, one is refined and scored on a copy of the model with a meter
    // of its own (not charged), so the first generation's FLOPs are predicted too: without it, the
    // first candidate always ran and a large model spent past a FLOP cap in generation 1.
    let probedFlops: number | undefined;
    const probeFlops = (s: MemeticState): number => {
      if (probedFlops !== undefined) return probedFlops;
      const copy = model.clone();
      const first = askFor(s.strategy).candidates[0];
      const start = config.initialPopulation === 'reinitialize' && s.strategy.generation === 0 ? initialCandidate(0) : first;
      if (start !== undefined) {
        const v = copy.params.vector;
        v.set(base);
        for (let k = 0; k < indices.length; k++) v[indices[k] as number] = start[k] as number;
      }
      const scratch = new CostMeter();
      const rng = request.rng.fork('cost-probe');
      scratch.measure(() => {
        refine({
          model: copy,
          task,
          optimizer,
          state: optimizer.init(copy.params.size),
          steps: config.refinement.steps,
          batchSize: config.refinement.batchSize,
          rng: rng.fork('refine'),
          meter: scratch,
        });
        score(copy, task, miniBatch({ ...task, train: fitnessSplit }, config.fitnessBatchSize, rng.fork('fitness')), config.fitness);
        if (config.result === 'validation') score(copy, task, task.validation, 'accuracy');
      });
      probedFlops = scratch.cost().flops;
      return probedFlops;
    };
    const candidateCost = (s: MemeticState) => ({
      evaluations: perCandidate,
      gradientSteps: config.refinement.steps,
      flops: s.candidateFlops ?? (request.budget.flops === undefined ? 0 : probeFlops(s)),
    });
    /** Whether one more candidate fits in what the budget leaves now. */
    const candidateFits = (s: MemeticState, spent: Cost): boolean => {
      const one = candidateCost(s);
      return (['evaluations', 'gradientSteps', 'flops'] as const).every((k) => {
        const cap = request.budget[k];
        return cap === undefined || spent[k] + one[k] <= cap;
      });
    };

    return runTrainingLoop<MemeticState>(request, {
      trainerId: this.id,
      // Exact caps, truncating: a generation starts when its first candidate fits; inside it, a
      // candidate whose refinement does not fit in what is left is not refined (nor scored), and
      // the run ends after that generation. FLOPs of a candidate: the most one has cost so far.
      nextStepCost: (s) => ({ generations: 1, ...candidateCost(s) }),
      init: () => {
        const mean = trainable();
        return {
          strategy: strategy.init(
            mean,
            { sigma: 0.5, ...(config.strategy === 'ga' ? memeticGaDefaults : {}), ...config.strategyConfig },
            request.rng.fork('strategy'),
          ),
          best: null,
          pool: [],
          selected: null,
        };
      },
      snapshot: (s) => encodeState(s),
      restore: (raw) => {
        const s = decodeState(raw) as MemeticState;
        return { ...s, pool: s.pool ?? [], selected: s.selected ?? null };
      },
      step: (s, ctx) => {
        const asked = askFor(s.strategy);
        const fitBatch = miniBatch({ ...task, train: fitnessSplit }, config.fitnessBatchSize, ctx.rng.fork('fitness'));
        const fitness: number[] = [];
        const told: Float64Array[] = [];
        let genBest = -1;
        let genMetrics: Metrics = {};
        const inherit = config.inheritOptimizerState && lamarckian;
        const entries: PoolEntry[] = [];
        const restart = config.initialPopulation === 'reinitialize' && s.strategy.generation === 0;
        let truncated = false;
        asked.candidates.forEach((sampled, i) => {
          const candidate = restart ? initialCandidate(i) : sampled;
          setCandidate(candidate);
          truncated ||= !candidateFits(s, ctx.meter.cost());
          if (truncated) {
            // Not refined, not scored: its fitness is NaN (the worst), as for any unscored candidate.
            fitness.push(Number.NaN);
            told.push(candidate);
            return;
          }
          const flopsBefore = ctx.meter.cost().flops;
          const parent = inherit ? nearest(s.pool, candidate) : null;
          const r = refine({
            model,
            task,
            optimizer,
            state: parent === null ? optimizer.init(model.params.size) : structuredClone(parent.optimizer),
            steps: config.refinement.steps,
            batchSize: config.refinement.batchSize,
            rng: ctx.rng.fork(`candidate/${i}`),
            meter: ctx.meter,
            budget: request.budget,
          });
          // A candidate the budget left unrefined is not scored (its fitness is NaN, i.e. the worst).
          const skipped = r.budgetExhausted === true && r.applied === 0;
          const scored =
            r.diverged === undefined && !skipped ? score(model, task, fitBatch, config.fitness) : { loss: Number.NaN, metrics: {} };
          if (!skipped) ctx.meter.addEvaluations(fitBatch.x.shape[0] as number);
          fitness.push(scored.loss);
          told.push(lamarckian ? trainable() : candidate);
          if (inherit && Number.isFinite(scored.loss))
            entries.push({ vector: told[i] as Float64Array, optimizer: r.state, fitness: scored.loss });
          if (Number.isFinite(scored.loss) && (genBest < 0 || scored.loss < (fitness[genBest] as number))) {
            genBest = i;
            genMetrics = scored.metrics;
          }
          if (config.result === 'validation' && Number.isFinite(scored.loss)) {
            const v = score(model, task, task.validation, 'accuracy');
            ctx.meter.addEvaluations(task.validation.x.shape[0] as number);
            if (Number.isFinite(v.loss) && (s.selected === null || v.loss < s.selected.fitness)) {
              s.selected = {
                fitness: v.loss,
                vector: Float32Array.from(model.params.vector),
                metrics: v.metrics,
                generation: s.strategy.generation,
              };
            }
          }
          s.candidateFlops = Math.max(s.candidateFlops ?? 0, ctx.meter.cost().flops - flopsBefore);
          if (Number.isFinite(scored.loss) && (s.best === null || scored.loss < s.best.fitness)) {
            s.best = {
              fitness: scored.loss,
              vector: Float32Array.from(model.params.vector),
              metrics: scored.metrics,
              generation: s.strategy.generation,
            };
          }
        });
        ctx.meter.addGenerations(1);
        if (genBest < 0 && truncated)
          return { end: { status: 'budget-exhausted', reason: 'no candidate of the generation fitted in the budget' } };
        if (genBest < 0)
          return { metrics: {}, diverged: `all ${fitness.length} candidates had a non-finite loss in generation ${ctx.step}` };
        s.strategy = strategy.tell(asked.state, told, fitness);
        // Keep the 2λ fittest refined points (this generation's and the survivors') as parents to inherit from.
        if (inherit) s.pool = [...s.pool, ...entries].sort((a, b) => a.fitness - b.fitness).slice(0, 2 * asked.candidates.length);
        const finite = fitness.filter(Number.isFinite);
        const metrics: Record<string, number> = {
          ...genMetrics,
          'fitness.best': (s.best as Best).fitness,
          'fitness.mean': finite.reduce((a, b) => a + b, 0) / finite.length,
        };
        if (ctx.step % config.validateEvery === 0 && (task.validation.x.shape[0] ?? 0) > 0) {
          // Monitoring is not charged, as in EvolutionTrainer.
          const held = ctx.meter.unmetered(() => {
            model.params.vector.set(returned(s));
            return evaluateModel(model, task.validation, task);
          });
          for (const [k, v] of Object.entries(held)) metrics[`val.${k}`] = v;
        }
        return { metrics };
      },
      model: (s) => {
        model.params.vector.set(returned(s));
        return model;
      },
      finalMetrics: (m) => evaluateModel(m, (task.test.x.shape[0] ?? 0) > 0 ? task.test : task.validation, task),
      extras: (s) => ({
        strategy: strategy.id,
        mode: config.mode,
        refinementSteps: config.refinement.steps,
        generations: s.strategy.generation,
        bestFitness: s.best?.fitness ?? null,
        bestGeneration: s.best?.generation ?? null,
        strategyStop: s.strategy.stop,
      }),
    });
  }
}

/**
 * Fitness (minimised; named `loss` below) and metrics of the current weights on a batch, without
 * recording a graph. 'accuracy' scores the error rate plus min(loss, 10)/(100·rows): the loss
 * only breaks ties between equal error counts.
 */
function score(
  model: Model,
  task: SupervisedTask,
  batch: Readonly<{ x: Tensor; y: Tensor }>,
  fitness: 'loss' | 'accuracy',
): { loss: number; metrics: Metrics } {
  return noGrad(() => {
    const out = model.forward(batch.x, 'eval');
    const loss = lossFor(task.loss)(out, batch.y).item();
    const lossOnly: Metrics = { loss };
    if (task.problem !== 'classification') return { loss, metrics: lossOnly };
    const acc = accuracy(out, batch.y);
    const rows = batch.x.shape[0] as number;
    const value = fitness === 'loss' || !Number.isFinite(loss) ? loss : 1 - acc + Math.min(loss, 10) / (100 * rows);
    return { loss: value, metrics: { loss, accuracy: acc } };
  });
}
