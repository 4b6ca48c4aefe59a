/**
 * Ask/tell evolution strategies, genetic algorithms, CMA-ES and NEAT.
 *
 * @module @evoprop/evolution
 */
export * from '@evoprop/evolution';
