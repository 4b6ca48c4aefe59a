import type { HandlerFactory, JobHandler } from '@evoprop/core';
import type { Catalog } from '../catalog/catalog.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import type { RunSpec } from '../experiment/experiment.js';
import { type RunProgress, executeRun } from './execute-run.js';
import type { RunRecord } from './record.js';

/** One arena run as an executor job's payload. */
export type RunJob = Readonly<{ spec: RunSpec; saveModel: boolean }>;

/** A run job's answer: its record (null when aborted) and, when asked for, the trained model's file bytes. */
export type RunOutput = Readonly<{ record: RunRecord | null; modelFile: Uint8Array | null }>;

/** What every worker loads its catalog from. */
export type RunnerInit = Readonly<{ plugins: readonly string[]; builtIns: boolean }>;

/** The handler that runs arena jobs with `catalog`, in whichever thread it lives. */
export function runHandler(catalog: Catalog): JobHandler<RunJob, RunOutput, RunProgress> {
  return async (job, context) => {
    let modelFile: Uint8Array | null = null;
    const record = await executeRun(
      job.spec,
      catalog,
      context.signal,
      context.progress,
      job.saveModel ? { onModelFile: (bytes) => (modelFile = bytes) } : {},
    );
    return { record, modelFile };
  };
}

/** Entry of the arena's worker threads: loads the catalog once per thread. */
const runHandlerFactory: HandlerFactory<RunnerInit, RunJob, RunOutput, RunProgress> = async (init) =>
  runHandler(await loadCatalog(init.plugins, init.builtIns));
export default runHandlerFactory;
