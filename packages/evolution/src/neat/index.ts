// @evoprop/evolution/neat: NEAT (Stanley & Miikkulainen 2002), its novelty-search variant (Lehman & Stanley 2011) and
// HyperNEAT (Stanley, D'Ambrosio & Gauci 2009). The genome operators (mutation, crossover, distance, speciation,
// innovation numbers) are internal: the trainer and the population step are the ways in.
export {
  type NeatCompatibilityConfig,
  type NeatConfig,
  NeatConfigError,
  type NeatConfigOverrides,
  type NeatMutationConfig,
  type NeatNetworkConfig,
  type NeatPreset,
  type NeatReproductionConfig,
  neatConfig,
  neatConfigSchema,
  neatPresets,
  paperConfig,
  parseNeatConfig,
} from './config.js';
export type { ActivationName as NeatActivationName } from './activations.js';
export {
  type ConnectionGene,
  type Genome,
  GenomeError,
  type NodeGene,
  type NodeKind,
  cloneGenome,
  enabledCount,
  hiddenCount,
  interfaceNodes,
  validateGenome,
} from './genome.js';
export {
  type BestGenome,
  type NeatGenerationReport,
  type NeatGenerationStep,
  NeatPopulationError,
  type NeatPopulationState,
  type SpeciesOffspring,
  evolveGeneration,
  initNeatPopulation,
  seedNeatPopulation,
} from './population.js';
export { NeatNetwork, type NetworkPlan, type PlanOptions, compileNetworkPlan } from './network.js';
export { type XorPattern, type XorRun, type XorScore, runXor, scoreXor, xorPatterns } from './xor.js';
export { NeatModel, type NeatModelSpec, neatModelKind, neatModelKinds, neatModelSpecSchema, planOptionsOf } from './model.js';
export { type SvgOptions, renderGenomeSvg } from './svg.js';
export {
  NeatTrainer,
  type NeatTrainerBest,
  type NeatTrainerConfig,
  NeatTrainerError,
  type NeatTrainerOptions,
  type NeatTrainerState,
  neatTrainer,
  neatTrainerConfigSchema,
  neatTrainers,
} from './trainer.js';
export {
  type GenomeScore,
  type NeatEpisode,
  type NeatFitness,
  type ScoringOptions,
  accuracyFitness,
  neatPolicy,
  paperErrorFitness,
  runNeatEpisode,
  scoreGenome,
} from './scoring.js';
export { type NeatEvaluation, type NeatEvaluator, inThreadNeatEvaluator, workerNeatEvaluator } from './evaluator.js';
export { type NeatRemoteJob, remoteNeatEvaluator, remoteNeatScoringHandler } from './remote.js';
export type { NeatWorkerResult } from './neat-worker.js';
export {
  addToArchive,
  initNovelty,
  type NoveltyConfig,
  noveltyConfigSchema,
  type NoveltyState,
  type NoveltyStep,
  noveltyStep,
  type ParsedNoveltyConfig,
  sparseness,
} from '../novelty/novelty.js';
export {
  hardMaze,
  hardMazeTask,
  type Maze,
  type MazeOutcome,
  mazeInputs,
  mazeOutputs,
  mazeSensors,
  mazeSteps,
  runMaze,
  type Wall,
} from '../novelty/hard-maze.js';
export {
  type Cppn,
  paintSubstrate,
  type Substrate,
  type SubstrateOptions,
  type SubstrateWeights,
  writeSubstrateWeights,
} from '../hyperneat/substrate.js';
export {
  gridLayer,
  type HyperNeatBest,
  HyperNeatTrainer,
  type HyperNeatTrainerConfig,
  hyperNeatTrainerConfigSchema,
  HyperNeatTrainerError,
  type HyperNeatTrainerState,
  hyperNeatTrainer,
  hyperNeatTrainers,
  layoutSubstrate,
  meanSquaredDistance,
  type ParsedHyperNeatTrainerConfig,
  rowLayer,
  substrateQueries,
} from '../hyperneat/trainer.js';
