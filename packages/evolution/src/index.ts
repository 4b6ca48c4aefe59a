// @evoprop/evolution: ask/tell strategies, the evolution trainer and its evaluators (NEAT: @evoprop/evolution/neat).
export { EvolutionError, WorkerEvaluationError } from './errors.js';
export { type Strategy, type StrategyState, type AskResult, type AnyStrategy, sanitizeFitness } from './strategy.js';
export { minimize, type MinimizeOptions } from './minimize.js';
export {
  defineStrategy,
  type StrategyDefinition,
  type DefinedState,
  type OwnState,
  fullCovarianceFlops,
  covarianceBookkeepingFlops,
  decompositionFlops,
  diagonalFlops,
} from './define-strategy.js';
export { strategies, type StrategyName } from './registry.js';
export { cmaEs, cmaEsConfigSchema, cmaEsFlops, lazyEigenInterval, type CmaEsConfig, type CmaEsState } from './strategies/cma-es.js';
export { cmaConstants, defaultPopulationSize, type CmaConstants } from './strategies/cma-weights.js';
export { ipopCmaEs, bipopCmaEs, restartConfigSchema, type RestartConfig, type RestartState } from './strategies/restarts.js';
export { sepCmaEs, sepCmaEsConfigSchema, type SepCmaEsConfig, type SepCmaEsState } from './strategies/sep-cma-es.js';
export {
  openAiEs,
  openAiEsCandidate,
  openAiEsConfigSchema,
  openAiEsRecipe,
  shapeFitness,
  type OpenAiEsConfig,
  type OpenAiEsRecipe,
  type OpenAiEsState,
} from './strategies/openai-es.js';
export { snes, snesConfigSchema, nesUtilities, type SnesConfig, type SnesState } from './strategies/snes.js';
export { xnes, xnesConfigSchema, type XnesConfig, type XnesState } from './strategies/xnes.js';
export { pgpe, pgpeConfigSchema, type PgpeConfig, type PgpeState } from './strategies/pgpe.js';
export { ga, gaConfigSchema, type GaConfig, type GaState } from './strategies/ga.js';
export {
  addMutation,
  decodeSeedGenome,
  deepGa,
  deepGaConfigSchema,
  type DeepGaConfig,
  type DeepGaState,
  encodeSeedGenome,
  parseSeedGenome,
  type SeedGenome,
} from './strategies/deep-ga.js';
export {
  stopSchema,
  cmaStopSchema,
  nesStopSchema,
  budgetStopSchema,
  budgetStop,
  type StopConfig,
  type NesStopConfig,
  type BudgetStopConfig,
} from './strategies/stop.js';
export { selectionSchema, makeSelector, type Selection } from './ga/selection.js';
export { crossoverSchema, crossover, type Crossover } from './ga/crossover.js';
export { mutationSchema, mutate, type Mutation, type Bounds } from './ga/mutation.js';
export { optimizerSpecSchema, buildOptimizer, type OptimizerSpec } from './util/optimizer.js';
export { centredRanks, argsort } from './util/vector.js';
export { symmetricEigen } from './linalg/jacobi.js';
export { encodeState, decodeState } from './util/json-state.js';
export { EvolutionTrainer, type EvolutionTrainerOptions } from './trainer/evolution-trainer.js';
export { evolutionTrainerConfigSchema, type EvolutionTrainerConfig, type ParsedEvolutionTrainerConfig } from './trainer/config.js';
export {
  fitnessConfigSchema,
  type FitnessConfig,
  evaluateCandidates,
  runEpisode,
  episodeSeeds,
  type EvaluationContext,
  type CandidateResult,
} from './trainer/fitness.js';
export { type PopulationForward, populationForward } from './trainer/population-batch.js';
export { type PopulationEvaluator, inProcessEvaluator, workerPoolEvaluator, type WorkerPoolOptions } from './trainer/evaluator.js';
export type { TaskFromSpec, WorkerContextSpec } from './trainer/worker.js';
export type { ChunkOutput } from './trainer/chunks.js';
export {
  type RemoteCandidates,
  type RemoteEvaluationJob,
  type RemoteEvaluatorOptions,
  candidateVectors,
  remoteEvaluationHandler,
  remoteEvaluator,
} from './trainer/remote.js';
export { VectorModel, vectorModelKind, vectorModelKinds } from './trainer/vector-model.js';
export {
  evolutionTrainers,
  evolutionTrainerDefinitionSchema,
  type EvolutionTrainerDefinition,
  type EvolutionTrainerDefinitionConfig,
} from './trainer/definitions.js';
// NEAT, novelty search and HyperNEAT live in @evoprop/evolution/neat; their old root names stay, deprecated, until the next minor.
export * from './deprecated-root.js';
