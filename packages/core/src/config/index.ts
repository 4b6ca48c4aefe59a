// @evoprop/core/config: the one config parser of every trainer, strategy, task and the arena, and the search spaces tuning samples.
export { parseConfig, parseExactly, configError, type ParseConfigOptions, type ProblemErrorClass } from './parse-config.js';
export {
  deprecatedKeys,
  renameDeprecatedKeys,
  warnDeprecatedKey,
  keyAliasesOf,
  type KeyAliases,
  type DeprecatedKeyUse,
  type RenamedConfig,
} from './deprecated-keys.js';
export { configProblems, formatPath, describeValue, type ConfigProblem, type ProblemOptions } from './problems.js';
export { unknownChoice, didYouMean, closeMatches } from './suggest.js';
export { mlpFields, mlpConfigSchema, hiddenActivationNames, type HiddenActivationName, type MlpDefaults } from './mlp-config.js';
export {
  searchDimensionSchema,
  searchSpaceSchema,
  type SearchDimension,
  type SearchSpace,
  type SearchSpaceInput,
  type SearchRangeInput,
  type SearchChoiceInput,
  type SearchPoint,
  parseSearchSpace,
  sampleSearchSpace,
  applySearchPoint,
  checkSearchSpace,
} from '../tuning/search-space.js';
export { type RecommendedModel, type ModelKeys, modelKeysOf, withRecommendedModel } from './recommended-model.js';
export { mlpFootprint, checkMlpFits, mlpMemoryLimitBytes, type MlpFootprint, type MlpFootprintInput } from './model-footprint.js';
