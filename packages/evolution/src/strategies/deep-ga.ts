/**
 * The deep GA of Such, Madhavan, Conti, Lehman, Stanley & Clune (2017), "Deep Neuroevolution:
 * Genetic Algorithms Are a Competitive Alternative for Training Deep Neural Networks for
 * Reinforcement Learning", arXiv:1712.06567, section 3 and its Algorithm 1:
 *
 * - truncation selection: the top T of a generation are the parents, each child's parent is
 *   drawn uniformly from them;
 * - Gaussian mutation only, no crossover: θ' = θ + σ·ε with ε ~ N(0, I);
 * - the elite (the best of the last generation) is kept unchanged and *re-evaluated* — here it is
 *   evaluated again with every generation's children, on the same batch or episodes, so a
 *   lucky noisy score does not survive (the paper re-evaluates its top 10 on 30 extra episodes);
 * - the compact encoding (section 3.1): a genome is the list of the seeds of the mutations that
 *   made it, θ = θ0 + σ·Σ ε(τ_i), so a network of any size is stored in 4 bytes per generation.
 *   θ0 is the initial `mean` (the trainer's seeded initial model), so every genome is relative to
 *   it; the paper's first seed draws θ0 itself.
 *
 * The state also caches the parents' weight vectors, so a child costs one d-vector of noise
 * instead of a replay of its whole lineage; {@link decodeSeedGenome} replays a genome from its
 * seeds alone and gives the same bits.
 */
import { Rng } from '@evoprop/tensor';
import { z } from 'zod';
import { EvolutionError } from '../errors.js';
import { defineStrategy, diagonalFlops } from '../define-strategy.js';
import type { DefinedStrategy, StrategyState } from '../strategy.js';
import { argsort } from '../util/vector.js';
import { type BudgetStopConfig, budgetStopSchema } from './stop.js';

/** Zod schema of {@link DeepGaConfig}; unknown keys are rejected. */
export const deepGaConfigSchema = z.strictObject({
  /** Mutation power σ: θ' = θ + σ·ε, > 0 (the paper's Atari runs use 0.002). Default 0.01. */
  sigma: z.number().positive().default(0.01).meta({ unit: 'weight units' }),
  /** Individuals per generation N, elite included, an integer ≥ 2 (the paper's Atari runs: 1,000+). Default 100. */
  populationSize: z.number().int().min(2).default(100).meta({ unit: 'candidates' }),
  /** Truncation size T: the best T of a generation are the parents, an integer ≥ 1 (the paper: 20). Default 10. */
  truncation: z.number().int().positive().default(10).meta({ unit: 'candidates' }),
  /** Stop criteria (target and budget), see {@link budgetStopSchema}. */
  stop: budgetStopSchema.default(budgetStopSchema.parse({})),
});
/** What {@link deepGa}.init accepts besides the mean θ0: the input side of {@link deepGaConfigSchema}. */
export type DeepGaConfig = z.input<typeof deepGaConfigSchema>;

/** A deep-GA genome: the seeds of the mutations that made it, oldest first (Such et al. 2017, section 3.1). */
export type SeedGenome = readonly number[];

/** Plain-data state of {@link deepGa}. */
export interface DeepGaState extends StrategyState {
  /** θ0, the point every genome's mutations start from. */
  readonly origin: Float64Array;
  /** Mutation power σ. */
  readonly sigma: number;
  /** Individuals per generation (elite included). */
  readonly populationSize: number;
  /** Truncation size T. */
  readonly truncation: number;
  /** Genomes of the parents (the last generation's top T, best first); empty before the first tell. */
  readonly parents: SeedGenome[];
  /** Cache: the parents' weight vectors (each equals `decodeSeedGenome` of its genome). */
  readonly parentVectors: Float64Array[];
  /** Genome of the elite (the last generation's best), or null before the first tell. */
  readonly elite: SeedGenome | null;
  /** Genomes of the candidates the last `ask` returned, in order (the elite first after generation 0). */
  readonly pending: SeedGenome[];
  /** The parsed stop criteria. */
  readonly stopConfig: BudgetStopConfig;
}

/** Add σ·ε(seed) to `x` in place: the mutation with this seed (ε drawn from `Rng.fromSeed(seed)`). */
export function addMutation(x: Float64Array, seed: number, sigma: number): Float64Array {
  const rng = Rng.fromSeed(seed);
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + sigma * rng.normal();
  return x;
}

/**
 * Rebuild a genome's weights from θ0 and its seeds alone: θ = θ0 + σ·ε(τ1) + σ·ε(τ2) + … in the
 * order the mutations happened, so the result is bit-identical to the vector evolution evaluated.
 * Costs one pass over the d weights per seed.
 */
export function decodeSeedGenome(origin: ArrayLike<number>, genome: SeedGenome, sigma: number): Float64Array {
  const x = Float64Array.from(origin);
  for (const seed of genome) addMutation(x, seed, sigma);
  return x;
}

/** A genome as bytes: each seed a little-endian uint32 (4 bytes per generation, whatever the network's size). */
export function encodeSeedGenome(genome: SeedGenome): Uint8Array {
  const bytes = new Uint8Array(4 * genome.length);
  const view = new DataView(bytes.buffer);
  genome.forEach((seed, i) => view.setUint32(4 * i, seed, true));
  return bytes;
}

/** The inverse of {@link encodeSeedGenome}. */
export function parseSeedGenome(bytes: Uint8Array): SeedGenome {
  if (bytes.length % 4 !== 0) throw new EvolutionError('parseSeedGenome', 'a multiple of 4 bytes', `${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 4 }, (_, i) => view.getUint32(4 * i, true));
}

const newSeed = (rng: Rng): number => rng.int(0, 2 ** 32);

/**
 * The deep GA (Such et al. 2017, Algorithm 1): truncation selection, Gaussian mutation only, a
 * re-evaluated elite, genomes stored as seed lists. Its `mean` is the elite's weights.
 */
export const deepGa: DefinedStrategy<DeepGaConfig, DeepGaState> = defineStrategy<
  DeepGaConfig,
  z.output<typeof deepGaConfigSchema>,
  DeepGaState
>({
  id: 'deep-ga',
  name: 'deepGa',
  paper: 'Such et al., Deep Neuroevolution: Genetic Algorithms Are a Competitive Alternative ... (arXiv:1712.06567, 2017), Algorithm 1',
  schema: deepGaConfigSchema,
  check(c) {
    if (c.truncation > c.populationSize)
      throw new EvolutionError('deepGa.init', `truncation ≤ populationSize (${c.populationSize})`, String(c.truncation));
  },
  populationSize: (state) => state.populationSize,
  // Drawing a d-vector of normals and adding it, per child.
  flopsPerGeneration: diagonalFlops,

  start(mean, c) {
    return {
      origin: mean,
      sigma: c.sigma,
      populationSize: c.populationSize,
      truncation: c.truncation,
      parents: [],
      parentVectors: [],
      elite: null,
      pending: [],
      stopConfig: c.stop,
    };
  },

  ask(state) {
    const rng = Rng.fromState(state.rng);
    const candidates: Float64Array[] = [];
    const pending: SeedGenome[] = [];
    if (state.elite !== null) {
      // The elite comes back unchanged, to be evaluated again with the children.
      candidates.push(Float64Array.from(state.parentVectors[0] as Float64Array));
      pending.push(state.elite);
    }
    while (candidates.length < state.populationSize) {
      const seed = newSeed(rng);
      if (state.parents.length === 0) {
        candidates.push(addMutation(Float64Array.from(state.origin), seed, state.sigma));
        pending.push([seed]);
      } else {
        // Truncation selection: a parent drawn uniformly from the top T.
        const k = rng.int(0, state.parents.length);
        candidates.push(addMutation(Float64Array.from(state.parentVectors[k] as Float64Array), seed, state.sigma));
        pending.push([...(state.parents[k] as SeedGenome), seed]);
      }
    }
    return { state: { ...state, rng: rng.state(), pending }, candidates };
  },

  update(state, candidates, fitness) {
    // Ties keep the earlier candidate, so the re-evaluated elite (index 0) wins them.
    const order = Array.from(argsort(fitness)).slice(0, state.truncation);
    return {
      ...state,
      parents: order.map((i) => state.pending[i] as SeedGenome),
      parentVectors: order.map((i) => Float64Array.from(candidates[i] as Float64Array)),
      elite: state.pending[order[0] as number] as SeedGenome,
      pending: [],
    };
  },

  mean: (state) => Float64Array.from(state.parentVectors[0] ?? state.origin),
});
