import { type Executor, JobError } from '@evoprop/core';

/**
 * How a population is split over an executor's workers and put back together. Each chunk is
 * contiguous and the answers are concatenated in chunk order, so the fitness vector (and the
 * FLOPs, a sum) is identical for any worker count.
 */

/** One contiguous slice of a population. */
export type Chunk<T> = Readonly<{
  /** Population index of `items[0]`. */
  first: number;
  /** The slice. */
  items: T[];
}>;

/** A chunk's answer: one result per item, in order, and the FLOPs spent on it. */
export type ChunkOutput<S> = Readonly<{
  /** One result per item of the chunk, in order. */
  results: S[];
  /** FLOPs counted where the chunk ran. */
  flops: number;
}>;

/** `items` in `parts` contiguous chunks of ⌈n / parts⌉ (the last may be shorter; none is empty). */
export function chunksOf<T>(items: readonly T[], parts: number): Chunk<T>[] {
  const size = Math.max(1, Math.ceil(items.length / parts));
  const chunks: Chunk<T>[] = [];
  for (let first = 0; first < items.length; first += size) chunks.push({ first, items: items.slice(first, first + size) });
  return chunks;
}

/** The chunks' answers concatenated in order, FLOPs summed. */
export function joinChunks<S>(outputs: readonly ChunkOutput<S>[]): ChunkOutput<S> {
  return { results: outputs.flatMap((o) => o.results), flops: outputs.reduce((sum, o) => sum + o.flops, 0) };
}

/** How {@link chunkedEvaluation} names and builds its jobs, and reports failures. */
export type ChunkedEvaluationOptions<T, P> = Readonly<{
  /** Job id prefix: ids are `NAME-CALL/chunk-C`, unique within one evaluator. */
  name: string;
  /** False when the executor runs in this thread: a failing handler's own error is rethrown as is. */
  remote: boolean;
  /** The job payload of chunk number `index` of generation `generation` (`horizon`: see {@link chunkedEvaluation}). */
  payload: (chunk: Chunk<T>, index: number, generation: number, horizon: number | undefined) => P;
  /** The error to throw for a job that failed off this thread (default: the executor's `JobError`). */
  remoteError?: (error: JobError, chunk: Chunk<T>, generation: number) => unknown;
}>;

/**
 * Evaluates generations on `executor`: each call splits the population into one contiguous chunk
 * per worker, submits one job per chunk and joins the answers in chunk order. A `horizon` (control
 * tasks: the episode step limit of a generation truncated by the budget) goes into every chunk's payload.
 */
export function chunkedEvaluation<T, P, S>(
  executor: Executor<P, ChunkOutput<S>>,
  options: ChunkedEvaluationOptions<T, P>,
): (generation: number, items: readonly T[], horizon?: number) => Promise<ChunkOutput<S>> {
  let calls = 0;
  return async (generation, items, horizon) => {
    const call = calls++;
    const outputs = await Promise.all(
      chunksOf(items, executor.concurrency).map((chunk, index) =>
        executor
          .submit({ id: `${options.name}-${call}/chunk-${index}`, payload: options.payload(chunk, index, generation, horizon) })
          .catch((e: unknown) => {
            if (!(e instanceof JobError)) throw e;
            if (!options.remote && e.kind === 'failed') throw e.cause;
            throw options.remoteError?.(e, chunk, generation) ?? e;
          }),
      ),
    );
    return joinChunks(outputs);
  };
}
