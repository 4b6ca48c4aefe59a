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
