/**
 * Where a generation's genomes are scored: in this thread, or on worker threads. The pool
 * splits the population into one contiguous chunk per worker and concatenates the results
 * in chunk order; each score depends only on (genome, generation, seed), so any number of
 * workers gives bit-identical fitness, FLOPs and therefore runs.
 */
import type { ControlTask, SupervisedTask } from '@evoprop/core';
import Tinypool from 'tinypool';
import type { Genome } from './genome.js';
import type { NeatWorkerContext, NeatWorkerJob, NeatWorkerResult } from './neat-worker.js';
import { type GenomeScore, type ScoringOptions, scoreGenome } from './scoring.js';

/** The fitness of each genome with the FLOPs spent off this thread. */
export type NeatEvaluation = {
  /** One score per genome, in order. */
  scores: GenomeScore[];
  /** FLOPs counted on worker threads (0 when scoring in this thread, whose meter counts them itself). */
  flops: number;
};

/** Scores a generation's genomes: in this thread or on worker threads, with identical results. */
export interface NeatEvaluator {
  /** True when FLOPs happen off this thread (and must be added to the meter by hand). */
  readonly remote: boolean;
  /** Score `genomes` of generation `generation` (episode seeds derive from it). */
  evaluate(generation: number, genomes: readonly Genome[]): Promise<NeatEvaluation>;
  /** Release the worker threads, if any. */
  close(): Promise<void>;
}

/** Scores genomes one after the other in this thread. */
export const inThreadNeatEvaluator = (task: SupervisedTask | ControlTask, scoring: ScoringOptions): NeatEvaluator => ({
  remote: false,
  evaluate: async (generation, genomes) => ({ scores: genomes.map((g) => scoreGenome(g, task, scoring, generation)), flops: 0 }),
  close: async () => {},
});

const fromSource = import.meta.url.endsWith('.ts');

/** Scores genomes on `workers` tinypool threads, one contiguous chunk each; the workers rebuild the task from `context`. */
export function workerNeatEvaluator(workers: number, context: NeatWorkerContext): NeatEvaluator {
  const pool = new Tinypool({
    filename: new URL(fromSource ? './neat-worker-tsx.mjs' : './neat-worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    // Source mode resolves workspace packages to their TypeScript entry points.
    execArgv: fromSource ? ['--conditions=@evoprop/source'] : [],
  });
  const key = JSON.stringify(context);
  return {
    remote: true,
    async evaluate(generation, genomes) {
      const size = Math.ceil(genomes.length / workers);
      const chunks: Genome[][] = [];
      for (let i = 0; i < genomes.length; i += size) chunks.push(genomes.slice(i, i + size));
      const results = await Promise.all(
        chunks.map((chunk) => pool.run({ key, context, generation, genomes: chunk } satisfies NeatWorkerJob) as Promise<NeatWorkerResult>),
      );
      return { scores: results.flatMap((r) => r.scores), flops: results.reduce((s, r) => s + r.flops, 0) };
    },
    close: () => pool.destroy(),
  };
}
