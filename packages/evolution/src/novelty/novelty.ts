/**
 * Novelty search (Lehman & Stanley 2011, "Abandoning objectives: evolution through the search
 * for novelty alone", Evolutionary Computation 19(2), 189–223, section 3): instead of a fitness,
 * each individual is scored by how far its *behaviour* — a vector the task supplies (a maze
 * robot's final position, say) — lies from the behaviours seen so far. Sparseness is the mean
 * distance to the k nearest neighbours among the current population and a permanent archive,
 * ρ(x) = (1/k) Σᵢ dist(x, μᵢ) (the paper's eq. 1); an individual whose sparseness exceeds the
 * threshold ρ_min enters the archive, and ρ_min adapts to how many enter.
 *
 * Everything here is plain functions over plain data, so any search uses it: NEAT maximises the
 * scores as its fitness; an ask/tell strategy (the GA, the deep GA, the ES family) is told their
 * negation (lower is better there). NS-ES (Conti et al. 2018, "Improving exploration in evolution
 * strategies for deep reinforcement learning via a population of novelty-seeking agents", NeurIPS)
 * in its single-agent form is OpenAI-ES told −novelty of each perturbation, with the mean's
 * behaviour added to the archive every generation (`addToArchive`).
 *
 * `fitnessWeight` mixes in the objective: score = (1 − w)·novelty + w·fitness, each min–max
 * normalised over the generation (a linear scalarisation as in Cuccu & Gomez 2011; w = 0 is
 * pure novelty search, w = 1 pure fitness).
 */
import { z } from 'zod';
import { EvolutionError } from '../errors.js';

/** Zod schema of {@link NoveltyConfig}; unknown keys are rejected. */
export const noveltyConfigSchema = z.strictObject({
  /** Nearest neighbours averaged in the sparseness, an integer ≥ 1 (the paper's maze runs: 15). Default 15. */
  k: z.number().int().positive().default(15).meta({ unit: 'neighbours' }),
  /** Initial archive threshold ρ_min, > 0, in behaviour units. Default 1. */
  threshold: z.number().positive().default(1).meta({ unit: 'behaviour units' }),
  /** ρ_min is multiplied by `raiseFactor` after a generation that archived more than this many. Default 4. */
  raiseAbove: z.number().int().nonnegative().default(4).meta({ unit: 'genomes' }),
  /** Factor raising ρ_min, ≥ 1. Default 1.2. */
  raiseFactor: z.number().min(1).default(1.2).meta({ unit: 'factor' }),
  /** ρ_min is multiplied by `lowerFactor` after this many generations in a row archived nobody, an integer ≥ 1. Default 5. */
  lowerAfter: z.number().int().positive().default(5).meta({ unit: 'generations' }),
  /** Factor lowering ρ_min, in (0, 1]. Default 0.95. */
  lowerFactor: z.number().gt(0).max(1).default(0.95).meta({ unit: 'factor' }),
  /** Weight w of the fitness in the score (1 − w)·novelty + w·fitness, in [0, 1]; 0 is pure novelty search. Default 0. */
  fitnessWeight: z.number().min(0).max(1).default(0).meta({ unit: 'coefficient' }),
});
/** Novelty search settings (the input side of {@link noveltyConfigSchema}). */
export type NoveltyConfig = z.input<typeof noveltyConfigSchema>;
/** Parsed novelty search settings, every default filled in. */
export type ParsedNoveltyConfig = z.output<typeof noveltyConfigSchema>;

/** The archive and its threshold, as plain data (`structuredClone` is a checkpoint). */
export type NoveltyState = Readonly<{
  /** The parsed settings. */
  config: ParsedNoveltyConfig;
  /** Archived behaviours, oldest first. */
  archive: readonly (readonly number[])[];
  /** The current archive threshold ρ_min. */
  threshold: number;
  /** Generations in a row that archived nobody. */
  idleGenerations: number;
  /** Behaviours archived so far (the archive's length). */
  archived: number;
}>;

/** A fresh archive with the settings of `config` (unknown keys rejected). */
export function initNovelty(config: NoveltyConfig = {}): NoveltyState {
  const parsed = noveltyConfigSchema.safeParse(config);
  if (!parsed.success)
    throw new EvolutionError(
      'initNovelty',
      'a valid novelty config',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return { config: parsed.data, archive: [], threshold: parsed.data.threshold, idleGenerations: 0, archived: 0 };
}

/**
 * Sparseness of every behaviour (eq. 1): the mean Euclidean distance to its k nearest neighbours
 * among the other behaviours of the population and the archive (fewer when there are fewer).
 *
 * The k nearest are kept by insertion into a sorted buffer of k (O(n·k) at worst, O(n) once the
 * buffer holds near neighbours) instead of sorting all n = population + archive distances, and
 * summed smallest first, as the sorted prefix was, so the scores are bit-identical to a full sort.
 */
export function sparseness(behaviours: readonly ArrayLike<number>[], archive: readonly ArrayLike<number>[], k: number): Float64Array {
  const dimension = behaviours[0]?.length ?? 0;
  for (const b of [...behaviours, ...archive])
    if (b.length !== dimension) throw new EvolutionError('sparseness', `behaviours of length ${dimension}`, `one of length ${b.length}`);
  const others = behaviours.length + archive.length;
  const points = new Float64Array(others * dimension);
  [...behaviours, ...archive].forEach((b, j) => {
    for (let d = 0; d < dimension; d++) points[j * dimension + d] = b[d] as number;
  });
  const out = new Float64Array(behaviours.length);
  const nearest = new Float64Array(Math.max(0, Math.min(k, others - 1)));
  for (let i = 0; i < behaviours.length; i++) {
    let held = 0;
    let nan = false;
    for (let j = 0; j < others; j++) {
      if (j === i) continue;
      let s = 0;
      for (let d = 0; d < dimension; d++) s += ((points[i * dimension + d] as number) - (points[j * dimension + d] as number)) ** 2;
      const dist = Math.sqrt(s);
      if (Number.isNaN(dist)) nan = true;
      if (held < nearest.length) held++;
      else if (!(dist < (nearest[held - 1] as number))) continue;
      // Insert into the sorted buffer (the largest held falls off when it is full).
      let m = held - 1;
      while (m > 0 && (nearest[m - 1] as number) > dist) {
        nearest[m] = nearest[m - 1] as number;
        m--;
      }
      nearest[m] = dist;
    }
    if (nan) {
      out[i] = sortedSparseness(points, dimension, i, others, k);
      continue;
    }
    let s = 0;
    for (let m = 0; m < held; m++) s += nearest[m] as number;
    out[i] = held === 0 ? 0 : s / held;
  }
  return out;
}

/** The reference: sort all distances and average the k smallest (only for NaN distances, whose sort order the buffer does not mimic). */
function sortedSparseness(points: Float64Array, dimension: number, i: number, others: number, k: number): number {
  const distances: number[] = [];
  for (let j = 0; j < others; j++) {
    if (j === i) continue;
    let s = 0;
    for (let d = 0; d < dimension; d++) s += ((points[i * dimension + d] as number) - (points[j * dimension + d] as number)) ** 2;
    distances.push(Math.sqrt(s));
  }
  distances.sort((a, b) => a - b);
  const n = Math.min(k, distances.length);
  let s = 0;
  for (let m = 0; m < n; m++) s += distances[m] as number;
  return n === 0 ? 0 : s / n;
}

/** Add behaviours to the archive unconditionally (NS-ES adds the mean's behaviour every generation). */
export function addToArchive(state: NoveltyState, behaviours: readonly ArrayLike<number>[]): NoveltyState {
  const archive = [...state.archive, ...behaviours.map((b) => Array.from(b))];
  return { ...state, archive, archived: archive.length };
}

function minMax(values: ArrayLike<number>): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = !Number.isFinite(v) ? 0 : hi > lo ? (v - lo) / (hi - lo) : 0;
  }
  return out;
}

/** What {@link noveltyStep} returns. */
export type NoveltyStep = Readonly<{
  /** Each individual's score, higher is better: its sparseness, or the mix with fitness when `fitnessWeight` > 0. */
  scores: Float64Array;
  /** Each individual's sparseness against the population and the archive before this generation's additions. */
  novelty: Float64Array;
  /** The archive after this generation's additions and threshold update. */
  state: NoveltyState;
}>;

/**
 * One generation of novelty search: score every behaviour, archive those whose sparseness
 * exceeds ρ_min, then adapt ρ_min (raised when more than `raiseAbove` entered, lowered after
 * `lowerAfter` idle generations). `fitness` (higher is better) is needed only when
 * `fitnessWeight` > 0.
 */
export function noveltyStep(state: NoveltyState, behaviours: readonly ArrayLike<number>[], fitness?: ArrayLike<number>): NoveltyStep {
  const c = state.config;
  const novelty = sparseness(behaviours, state.archive, c.k);
  const entering = behaviours.filter((_, i) => (novelty[i] as number) > state.threshold);
  let threshold = state.threshold;
  let idleGenerations = entering.length === 0 ? state.idleGenerations + 1 : 0;
  if (entering.length > c.raiseAbove) threshold *= c.raiseFactor;
  if (idleGenerations >= c.lowerAfter) {
    threshold *= c.lowerFactor;
    idleGenerations = 0;
  }
  const next = { ...addToArchive(state, entering), threshold, idleGenerations };
  let scores = Float64Array.from(novelty);
  if (c.fitnessWeight > 0) {
    if (fitness === undefined || fitness.length !== behaviours.length)
      throw new EvolutionError(
        'noveltyStep',
        `${behaviours.length} fitness values with fitnessWeight > 0`,
        String(fitness?.length ?? 'none'),
      );
    const n = minMax(novelty);
    const f = minMax(fitness);
    scores = n.map((v, i) => (1 - c.fitnessWeight) * v + c.fitnessWeight * (f[i] as number));
  }
  return { scores, novelty, state: next };
}
