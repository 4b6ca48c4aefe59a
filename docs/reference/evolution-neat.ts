/**
 * NEAT, novelty search and HyperNEAT: trainers, configs, genomes, populations and networks (`@evoprop/evolution/neat`).
 *
 * @module @evoprop/evolution/neat
 */
export * from '@evoprop/evolution/neat';
