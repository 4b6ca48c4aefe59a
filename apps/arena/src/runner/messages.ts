import type { RunSpec } from '../experiment/experiment.js';
import type { RunProgress } from './execute-run.js';
import type { RunRecord } from './record.js';

export type WorkerInit = Readonly<{ plugins: readonly string[]; builtIns: boolean; modelDir?: string }>;
export type ToWorker = Readonly<{ type: 'run'; spec: RunSpec }> | Readonly<{ type: 'abort' }>;
export type FromWorker =
  | Readonly<{ type: 'progress'; progress: RunProgress }>
  | Readonly<{ type: 'done'; runId: string; record: RunRecord | null }>
  | Readonly<{ type: 'fatal'; message: string }>;
