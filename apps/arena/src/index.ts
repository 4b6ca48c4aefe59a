export { type Catalog, type TaskEntry, type TrainerEntry, catalogOf, mergeCatalogs } from './catalog/catalog.js';
export { loadCatalog, CatalogError } from './catalog/load-catalog.js';
export { createDefaultCatalog } from './catalog/default-catalog.js';
export { type Comparison, type Experiment, type RunSpec, type TaskPlan, type TrainerPlan, planRuns } from './experiment/experiment.js';
export { ExperimentError } from './experiment/errors.js';
export { experimentSchema, budgetSchema, costCurrencies, type ExperimentInput, type Currency } from './experiment/schema.js';
export { parseExperiment, type ParseOptions } from './experiment/parse.js';
export { readExperimentFile, suiteDefinition, applyFlags, parseTrainerFlag, type FlagOverrides } from './experiment/load.js';
export { suites, suiteNames } from './experiment/suites.js';
export { executeRun, type RunProgress } from './runner/execute-run.js';
export { runPool, type PoolOptions } from './runner/pool.js';
export { runExperiment, type RunExperimentOptions, type ExperimentOutcome } from './runner/run-experiment.js';
export { readResults, ResultsWriter, ResultsFileError, type ResultsContent } from './runner/results-file.js';
export { type RunRecord, type HeaderRecord, type CurvePoint, type Boundary, type Timing, withoutTiming } from './runner/record.js';
export { summarize, type Summary, type TaskSummary, type TrainerSummary } from './report/summarize.js';
export { buildReports, type Reports, type ReportOptions } from './report/build.js';
export {
  anytimeReport,
  budgetCurrency,
  type AnytimeReport,
  type AnytimeTask,
  type ErtRow,
  type RuntimeComparison,
} from './report/anytime-report.js';
export { ecdfPoints, type EcdfPoint } from './report/ecdf.js';
export { cocoTargets, ladderFor, type Ladder } from './report/targets.js';
export { anytimeTrace, type AnytimeTrace } from './runner/anytime.js';
export { expectedRunningTime, type RunOutcome } from './stats/ert.js';
export { runtimeRankSum, type RuntimeSample, type RuntimeTest } from './stats/runtime-test.js';
export { markdownReport } from './report/markdown.js';
export { htmlReport } from './report/html.js';
export { taskCharts, type Chart, type VegaLiteSpec } from './report/charts.js';
export { mannWhitneyU, type MannWhitneyResult } from './stats/mann-whitney.js';
export { holm } from './stats/holm.js';
export { bootstrapCi } from './stats/bootstrap.js';
export { mean, std, median, quantile, rankData } from './stats/summary.js';
export { main } from './cli/main.js';
