export { TaskError, UnknownTaskError, TaskOptionsError, DatasetError, EnvironmentError, DataError } from './errors.js';
export type { TaskSpec, TaskExtras, BuiltTask, BuiltSupervisedTask, BuiltControlTask, BuiltObjectiveTask } from './spec.js';
export {
  tasks,
  taskIds,
  type TaskId,
  type TaskOptions,
  createTask,
  createTaskFromSpec,
  createSupervisedTask,
  createControlTask,
  createObjectiveTask,
  describeTasks,
  parseTaskOptions,
} from './registry/registry.js';
export {
  defineBuiltinTask,
  type BuiltinTaskDefinition,
  defineTask,
  type TaskDefinition,
  type TaskDefinitionInput,
  type TaskKind,
  type TaskMeta,
  type TaskBuild,
} from './registry/define.js';
export { type Dataset, type SplitIndices, takeRows, makeSplit, splitIndices, splitDataset } from './supervised/dataset.js';
export { xorQuadrants, twoSpirals, circles, moons, gaussianBlobs } from './toy/two-d.js';
export { parityTable } from './toy/boolean.js';
export { franke } from './toy/regression.js';
export { type PictureName, pictureDataset, pictureInputs, pictures } from './toy/picture.js';
export {
  allVisualTrials,
  paperVisualTrials,
  type VisualTrial,
  visualDataset,
  visualFieldCoordinate,
  visualFieldSize,
} from './toy/visual-discrimination.js';
export {
  type Scaler,
  type ScalerOptions,
  fitStandardiser,
  fitMinMax,
  applyScaler,
  invertScaler,
  scaleInto,
  scaleSplits,
} from './preprocess/scale.js';
export { type AugmentOptions, augmentImages } from './preprocess/augment.js';
export { type Fold, kFold, kFoldSplits } from './preprocess/k-fold.js';
export { irisDataset, irisClassNames } from './supervised/iris.js';
export { type MnistFiles, mnistDataDir, mnistFiles } from './mnist/files.js';
export type { IdxSource } from './mnist/idx-source.js';
export {
  type IdxImagesHeader,
  type ImageReadOptions,
  readIdxLabels,
  readIdxImages,
  readIdxImagesHeader,
  idxByteHistogram,
} from './mnist/idx.js';
export { type MnistOptions, type MnistVariant, type MnistSource, buildMnist } from './mnist/mnist.js';
export { createSplitMnist } from './mnist/split.js';
export {
  type NoiseKind,
  type ProbeLabels,
  type UnsupervisedInfo,
  type CleanSplit,
  type ReconstructionBuild,
  type ReconstructionTaskBuild,
  type WithUnsupervised,
  corrupt,
  reconstructionTask,
  reconstructionOptionShape,
  isUnsupervisedTask,
} from './unsupervised/reconstruction.js';
export { spiralArc } from './unsupervised/unsupervised-tasks.js';
export { addingProblem, copyTask, memoryTask } from './sequence/sequence-tasks.js';
export {
  type Vocabulary,
  type WordVocabulary,
  type WordVocabularyOptions,
  type BagWeighting,
  PAD,
  UNK,
  BOUNDARY,
  vocabularyOf,
  characterVocabulary,
  encodeCharacters,
  decodeTokens,
  wordTokens,
  wordVocabulary,
  encodeWords,
  bagOfWords,
} from './text/tokenise.js';
export { type NameList, type Email, type EmailFile, firstNames, spamAssassinIndex, readEmails } from './text/corpora.js';
export { nameSequences, namesOf } from './text/names.js';
export { type HeaderHandling, emailText, isSpam, maxCharacters } from './text/spam.js';
export { type TokenLoss, type SampleOptions, tokenLoss, unigramLoss, bigramLoss, sampleSequences } from './text/language-model.js';
export { cartPoleConstants, cartPoleStep, CartPoleEnvironment, type CartPoleOptions } from './control/cart-pole.js';
export { acrobotConstants, acrobotDerivatives, acrobotStep, acrobotReachedGoal } from './control/acrobot.js';
export { mountainCarConstants, mountainCarStep, mountainCarContinuousStep } from './control/mountain-car.js';
export { pendulumConstants, pendulumStep, pendulumCost, angleNormalize } from './control/pendulum.js';
export {
  doublePoleConstants,
  doublePoleAccelerations,
  doublePoleAction,
  doublePoleFailed,
  DoublePoleEnvironment,
  type DoublePoleOptions,
  type DoublePoleStepResult,
  type Integrator,
  dampingFitness,
  generalisationStart,
  generalisationRanges,
} from './control/double-pole.js';
export { type Controller, playEpisode, type Policy, type Rollout, rollout } from './control/rollout.js';
export { type ObjectiveFunction, sphere, rosenbrock, rastrigin, ackley, styblinskiTang } from './objective/functions.js';
export {
  type BbobFunction,
  type BbobInstance,
  bbobFunctions,
  bbobSphere,
  bbobEllipsoid,
  bbobRastrigin,
  bbobRosenbrock,
  bbobEllipsoidRotated,
  bbobDiscus,
  bbobBentCigar,
  bbobDifferentPowers,
} from './objective/bbob.js';
export {
  type DataTask,
  type FromArraysOptions,
  type HeldOut,
  type InputData,
  type Problem,
  type TargetData,
  arraysTaskId,
  fromArrays,
  fromArraysSpec,
} from './user-data/from-arrays.js';
export { type CsvTable, type CsvOptions, parseCsv } from './user-data/csv.js';
export { type TableOptions, type TableTask, fromTable, fromCsv, fromRecords } from './user-data/from-table.js';
