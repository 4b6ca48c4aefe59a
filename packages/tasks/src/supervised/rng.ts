import { Rng } from '@evoprop/tensor';

/**
 * The root generator of a task: one stream per (task id, seed). Builders fork it per purpose
 * (`taskRng(id, seed).fork('data')`, `.fork('split')`), so adding a draw in one purpose never
 * shifts another.
 */
export const taskRng = (id: string, seed: number): Rng => Rng.fromSeed(seed).fork(`task/${id}`);
