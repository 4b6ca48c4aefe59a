/**
 * A NEAT population as plain data, with an ask/tell generation step. The whole state
 * (genomes, species, innovation tracker, δt, the RNG's own state) is JSON-able, so
 * `structuredClone(state)` or `JSON.stringify(state)` is an exact checkpoint.
 */
import { Rng, type RngState } from '@evoprop/tensor';
import type { NeatConfig } from './config.js';
import { crossoverGenomes } from './crossover.js';
import { type ConnectionGene, type Genome, cloneGenome, firstHiddenId, interfaceNodes, validateGenome } from './genome.js';
import { type InnovationState, createInnovationState, resetGeneration } from './innovation.js';
import { type MutationContext, mutateAddConnection, mutateGenome, mutateWeights, randomWeight } from './mutation.js';
import { type SpeciesState, adjustThreshold, allocateOffspring, speciate } from './species.js';

/** The best genome seen so far. */
export type BestGenome = Readonly<{
  /** A copy of the genome. */
  genome: Genome;
  /** Its raw fitness. */
  fitness: number;
  /** The generation it was evaluated in. */
  generation: number;
}>;

/** A NEAT population as plain, JSON-able data. */
export type NeatPopulationState = {
  /** Format version of this state. */
  readonly version: 1;
  /** The run's configuration. */
  readonly config: NeatConfig;
  /** Number of the generation in `genomes` (0 first). */
  generation: number;
  /** The genomes to evaluate this generation (`ask`). */
  genomes: Genome[];
  /** Species of the previous generation; their representatives seed this generation's speciation. */
  species: SpeciesState[];
  /** Id the next new species gets. */
  nextSpeciesId: number;
  /** Current δt (moves only when `compatibility.targetSpecies` is set). */
  threshold: number;
  /** The innovation tracker. */
  innovation: InnovationState;
  /** State of the reproduction RNG. */
  rng: RngState;
  /** Best genome so far, or null before the first evaluation. */
  best: BestGenome | null;
  /** Generation of the last population-wide stagnation reset (delta coding), or −1. */
  lastDeltaCoding: number;
};

/** Bad input to the population functions (interface sizes, fitness values). */
export class NeatPopulationError extends Error {
  /** Always 'NeatPopulationError'. */
  override name = 'NeatPopulationError';
}

/**
 * The initial population: "a uniform population of networks with zero hidden nodes
 * (i.e., all inputs connect directly to outputs)" (p. 110, section 3.4), here with
 * the bias as an extra input and random weights.
 */
export function initNeatPopulation(config: NeatConfig, inputs: number, outputs: number, rng: Rng): NeatPopulationState {
  if (!Number.isInteger(inputs) || inputs < 1 || !Number.isInteger(outputs) || outputs < 1) {
    throw new NeatPopulationError(`initNeatPopulation: expected ≥ 1 input and ≥ 1 output, got inputs=${inputs}, outputs=${outputs}`);
  }
  const template: Pick<ConnectionGene, 'from' | 'to'>[] = [];
  for (let o = 0; o < outputs; o++) {
    for (let i = 0; i <= inputs; i++) template.push({ from: i, to: inputs + 1 + o });
  }
  const genomes: Genome[] = [];
  for (let k = 0; k < config.populationSize; k++) {
    genomes.push({
      inputs,
      outputs,
      nodes: interfaceNodes(inputs, outputs),
      connections: template.map((c, k) => ({ innovation: k, from: c.from, to: c.to, weight: randomWeight(rng, config), enabled: true })),
    });
  }
  return generationZero(config, genomes, createInnovationState(template.length, firstHiddenId(inputs, outputs)), rng);
}

/**
 * A population grown from one genome (a starting model): the genome itself plus copies
 * with mutated weights, so evolution continues from its topology.
 */
export function seedNeatPopulation(config: NeatConfig, genome: Genome, rng: Rng): NeatPopulationState {
  validateGenome(genome);
  const maxInnovation = genome.connections.reduce((m, c) => Math.max(m, c.innovation), -1);
  const maxNode = genome.nodes.reduce((m, n) => Math.max(m, n.id), firstHiddenId(genome.inputs, genome.outputs) - 1);
  const innovation = createInnovationState(maxInnovation + 1, maxNode + 1);
  const ctx: MutationContext = { config, tracker: innovation, rng };
  const genomes = Array.from({ length: config.populationSize }, (_, k) => {
    const g = cloneGenome(genome);
    if (k > 0) mutateWeights(g, ctx);
    return g;
  });
  return generationZero(config, genomes, innovation, rng);
}

/** Generation 0 of `genomes`: no species yet, the rng's state after drawing them. */
function generationZero(config: NeatConfig, genomes: Genome[], innovation: InnovationState, rng: Rng): NeatPopulationState {
  return {
    version: 1,
    config,
    generation: 0,
    genomes,
    species: [],
    nextSpeciesId: 0,
    threshold: config.compatibility.threshold,
    innovation,
    rng: rng.state(),
    best: null,
    lastDeltaCoding: -1,
  };
}

/** Offspring allocated to one species in a generation. */
export type SpeciesOffspring = Readonly<{
  /** Species id. */
  id: number;
  /** Members this generation. */
  size: number;
  /** Children allocated for the next generation. */
  offspring: number;
  /** Whether the species counted as stagnant. */
  stagnant: boolean;
}>;

/** What one `evolveGeneration` step saw and did. */
export type NeatGenerationReport = Readonly<{
  /** The generation that was evaluated. */
  generation: number;
  /** Its best raw fitness. */
  bestFitness: number;
  /** Its mean raw fitness. */
  meanFitness: number;
  /** Number of species. */
  species: number;
  /** δt used to speciate it. */
  threshold: number;
  /** Offspring per species. */
  offspring: readonly SpeciesOffspring[];
}>;

/** The result of `evolveGeneration`. */
export type NeatGenerationStep = {
  /** The next generation, ready to evaluate. */
  state: NeatPopulationState;
  /** What happened in this step. */
  report: NeatGenerationReport;
};

function byFitnessDesc(members: readonly number[], fitness: readonly number[]): number[] {
  return [...members].sort((a, b) => (fitness[b] as number) - (fitness[a] as number) || a - b);
}

/**
 * NEAT C++'s super-champion offspring under delta coding (Population::epoch, Species::reproduce):
 * `n` copies of `champion`, the first unchanged, each other with its weights mutated (0.8, NEAT
 * C++'s constant) or else one link added.
 */
function championOffspring(champion: Genome, n: number, ctx: MutationContext): Genome[] {
  const out: Genome[] = [cloneGenome(champion)];
  const { rng, config } = ctx;
  while (out.length < n) {
    const child = cloneGenome(champion);
    if (rng.bernoulli(0.8) || config.mutation.addConnectionProbability === 0) mutateWeights(child, ctx);
    else mutateAddConnection(child, ctx);
    out.push(child);
  }
  return out;
}

/**
 * Reproduce from the evaluated generation (p. 110): speciate, share fitness, drop
 * stagnant species (p. 113: 15 generations), copy each champion of species with more
 * than five members, remove "the lowest performing members" (survival threshold), and
 * fill the rest by crossover (with interspecies mating at 0.001) or by mutation only (25 %).
 * Returns a new state; the input state is not modified (the two share genome objects, which
 * nothing modifies in place, so keep treating states as immutable).
 */
export function evolveGeneration(previous: NeatPopulationState, fitness: readonly number[]): NeatGenerationStep {
  // A fresh top-level object; genomes and representatives are shared, never modified (children are clones).
  const state: NeatPopulationState = { ...previous, innovation: { ...previous.innovation }, species: [] };
  const { config, genomes, generation } = state;
  if (fitness.length !== genomes.length) {
    throw new NeatPopulationError(`evolveGeneration: expected ${genomes.length} fitness values, got ${fitness.length}`);
  }
  fitness.forEach((f, i) => {
    if (!Number.isFinite(f)) throw new NeatPopulationError(`evolveGeneration: fitness of genome ${i} must be finite, got ${f}`);
  });
  const rng = Rng.fromState(state.rng);
  const r = config.reproduction;

  const speciated = speciate(previous.species, genomes, state.threshold, config, generation, state.nextSpeciesId);
  const species = speciated.species;
  state.nextSpeciesId = speciated.nextSpeciesId;

  let bestIndex = 0;
  fitness.forEach((f, i) => {
    if (f > (fitness[bestIndex] as number)) bestIndex = i;
  });
  if (state.best === null || (fitness[bestIndex] as number) > state.best.fitness) {
    state.best = { genome: cloneGenome(genomes[bestIndex] as Genome), fitness: fitness[bestIndex] as number, generation };
  }

  // Fitness sharing needs non-negative fitness; shift only when some value is negative.
  const minFitness = Math.min(0, ...fitness);
  const ranked = species.map((s) => byFitnessDesc(s.members, fitness));
  const meanShared = species.map((s) => s.members.reduce((sum, i) => sum + (fitness[i] as number) - minFitness, 0) / s.members.length);
  const eligible = species.map((s, k) => {
    const top = fitness[(ranked[k] as number[])[0] as number] as number;
    if (top > s.bestFitness) {
      s.bestFitness = top;
      s.lastImproved = generation;
    }
    return generation - s.lastImproved < r.stagnationGenerations || (r.protectBestSpecies && s.members.includes(bestIndex));
  });
  const penalised = meanShared.map((m, k) => (eligible[k] ? m : m * r.stagnationPenalty));
  // With every species stagnant (possible when the best species is not protected) nothing would
  // reproduce; then all of them do, as under NEAT C++'s penalty, which scales every share alike.
  const anyEligible = eligible.some((e) => e);
  let counts = allocateOffspring(
    penalised,
    r.stagnationPenalty > 0 || !anyEligible ? species.map(() => true) : eligible,
    config.populationSize,
  );
  // Population-wide stagnation (not in the paper; NEAT C++'s "delta coding"): when the best
  // fitness has not improved for this many generations, only the two species with the best
  // fitness reproduce, half the population each, and their stagnation clocks restart.
  const deltaAfter = r.populationStagnationGenerations;
  let deltaCoding = false;
  const lastImprovement = Math.max(state.best?.generation ?? 0, state.lastDeltaCoding);
  if (deltaAfter !== null && generation - lastImprovement >= deltaAfter) {
    const order = species
      .map((_, k) => k)
      .sort(
        (a, b) =>
          (fitness[(ranked[b] as number[])[0] as number] as number) - (fitness[(ranked[a] as number[])[0] as number] as number) || a - b,
      );
    counts = species.map(() => 0);
    const top = order.slice(0, 2);
    top.forEach((k, j) => {
      counts[k] =
        top.length === 1 ? config.populationSize : j === 0 ? Math.ceil(config.populationSize / 2) : Math.floor(config.populationSize / 2);
      (species[k] as SpeciesState).lastImproved = generation;
    });
    state.lastDeltaCoding = generation;
    deltaCoding = r.deltaCodingOffspring === 'champion';
  }

  resetGeneration(state.innovation);
  const ctx: MutationContext = { config, tracker: state.innovation, rng };
  const children: Genome[] = [];
  species.forEach((_, k) => {
    const members = ranked[k] as number[];
    const n = counts[k] as number;
    if (n === 0) return;
    let made = 0;
    if (deltaCoding) {
      children.push(...championOffspring(genomes[members[0] as number] as Genome, n, ctx));
      return;
    }
    if (members.length > r.championMinSpeciesSize) {
      children.push(cloneGenome(genomes[members[0] as number] as Genome));
      made++;
    }
    const survivors = members.slice(0, Math.min(members.length, Math.floor(r.survivalThreshold * members.length) + 1));
    const pick = (): number => survivors[rng.int(0, survivors.length)] as number;
    for (; made < n; made++) {
      const mom = pick();
      if (survivors.length === 1 || rng.bernoulli(r.mutationOnlyFraction)) {
        const child = cloneGenome(genomes[mom] as Genome);
        mutateGenome(child, ctx);
        children.push(child);
        continue;
      }
      let dad = pick();
      if (species.length > 1 && rng.bernoulli(r.interspeciesMatingRate)) {
        let other = rng.int(0, species.length - 1);
        if (other >= k) other++;
        const pool = ranked[other] as number[];
        dad = pool[rng.int(0, pool.length)] as number;
      }
      const child = crossoverGenomes(
        genomes[mom] as Genome,
        fitness[mom] as number,
        genomes[dad] as Genome,
        fitness[dad] as number,
        rng,
        config,
      );
      // NEAT C++ mutates a child of a genome with itself, which would otherwise be a plain copy.
      if (dad === mom || !rng.bernoulli(r.mateOnlyProbability)) mutateGenome(child, ctx);
      children.push(child);
    }
  });

  const report: NeatGenerationReport = {
    generation,
    bestFitness: fitness[bestIndex] as number,
    meanFitness: fitness.reduce((a, b) => a + b, 0) / fitness.length,
    species: species.length,
    threshold: state.threshold,
    offspring: species.map((s, k) => ({ id: s.id, size: s.members.length, offspring: counts[k] as number, stagnant: !eligible[k] })),
  };

  // Species that get no offspring go extinct; the rest keep a random member as representative (p. 110),
  // or their champion (NEAT C++ compares offspring with the species' first, i.e. best, organism).
  const champion = config.compatibility.representative === 'champion';
  state.species = species.flatMap((s, k) => {
    if ((counts[k] as number) === 0) return [];
    const member = champion ? ((ranked[k] as number[])[0] as number) : (s.members[rng.int(0, s.members.length)] as number);
    return [{ ...s, representative: cloneGenome(genomes[member] as Genome), members: [] }];
  });
  state.threshold = adjustThreshold(state.threshold, species.length, config);
  state.genomes = children;
  state.generation = generation + 1;
  state.rng = rng.state();
  return { state, report };
}
