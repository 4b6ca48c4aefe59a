/**
 * The paper's XOR verification (Stanley & Miikkulainen 2002, p. 112–113): two inputs
 * plus bias, one sigmoid output. "The distance of the output from the correct answer
 * was summed for all four input patterns. The result of this error was subtracted
 * from 4 ... [and] squared" — fitness = (4 − Σ|error|)². A network solves XOR when all
 * four outputs are on the correct side of 0.5.
 */
import { Rng } from '@evoprop/tensor';
import type { NeatConfig } from './config.js';
import { type Genome, enabledCount, hiddenCount } from './genome.js';
import { NeatNetwork } from './network.js';
import { initNeatPopulation, evolveGeneration } from './population.js';

/** One XOR case. */
export type XorPattern = Readonly<{
  /** The two input bits. */
  input: readonly [number, number];
  /** The expected output. */
  target: number;
}>;

/** The four XOR cases. */
export const xorPatterns: readonly XorPattern[] = [
  { input: [0, 0], target: 0 },
  { input: [0, 1], target: 1 },
  { input: [1, 0], target: 1 },
  { input: [1, 1], target: 0 },
];

/** A network's XOR score. */
export type XorScore = Readonly<{
  /** (4 − Σ|error|)² (p. 112). */
  fitness: number;
  /** Whether all four outputs are on the correct side of 0.5. */
  solved: boolean;
}>;

/** Score a network on the four XOR cases (the net is reset before each). */
export function scoreXor(network: NeatNetwork): XorScore {
  let error = 0;
  let solved = true;
  for (const { input, target } of xorPatterns) {
    network.reset();
    const y = network.activate(input)[0] as number;
    error += Math.abs(target - y);
    if (target === 1 ? !(y > 0.5) : !(y < 0.5)) solved = false;
  }
  return { fitness: (4 - error) ** 2, solved };
}

/** The outcome of `runXor`. */
export type XorRun = Readonly<{
  /** Whether a network solved XOR within the generation cap. */
  solved: boolean;
  /** Generations evaluated, the solving one included. */
  generations: number;
  /**
   * Networks evaluated up to and including the first solver: population size × earlier
   * generations + the winner's position in its generation. (NEAT C++'s xor_test adds the
   * winner's number within its species instead, a smaller count.)
   */
  evaluations: number;
  /** Hidden nodes of the solution (of the best genome when unsolved). */
  hiddenNodes: number;
  /** Enabled connections of the solution (of the best genome when unsolved). */
  enabledConnections: number;
  /** Species in the last reproduction step. */
  species: number;
}>;

/**
 * One XOR run as in section 4.2: evolve until some network solves XOR or
 * `maxGenerations` pass.
 */
export function runXor(config: NeatConfig, seed: number | string, maxGenerations: number): XorRun {
  let state = initNeatPopulation(config, 2, 1, Rng.fromSeed(seed).fork('neat-xor'));
  const options = {
    slope: config.network.sigmoidSlope,
    recurrent: config.network.recurrent,
    activationSteps: config.network.activationSteps,
  };
  let species = 0;
  for (let gen = 0; gen < maxGenerations; gen++) {
    const fitness: number[] = [];
    let solution: Genome | null = null;
    let solvedAt = 0;
    for (const [i, g] of state.genomes.entries()) {
      const score = scoreXor(NeatNetwork.fromGenome(g, options));
      fitness.push(score.fitness);
      if (score.solved && solution === null) {
        solution = g;
        solvedAt = i + 1;
      }
    }
    if (solution !== null) {
      return {
        solved: true,
        generations: gen + 1,
        evaluations: gen * config.populationSize + solvedAt,
        hiddenNodes: hiddenCount(solution),
        enabledConnections: enabledCount(solution),
        species,
      };
    }
    const next = evolveGeneration(state, fitness);
    species = next.report.species;
    state = next.state;
  }
  const best = state.best?.genome ?? (state.genomes[0] as Genome);
  return {
    solved: false,
    generations: maxGenerations,
    evaluations: maxGenerations * config.populationSize,
    hiddenNodes: hiddenCount(best),
    enabledConnections: enabledCount(best),
    species,
  };
}
