import { z } from 'zod';

/** A size that is one number for both spatial axes or a [height, width] pair. */
export const PairSchema = z.union([z.number().int().positive(), z.tuple([z.number().int().positive(), z.number().int().positive()])]);
export const PadPairSchema = z.union([
  z.number().int().nonnegative(),
  z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
]);
export type Pair = z.infer<typeof PairSchema>;

export const toPair = (v: number | readonly [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);

/** Output length of a sliding window (PyTorch's formula). */
export const windowOut = (size: number, kernel: number, stride: number, pad: number, dilation: number): number =>
  Math.floor((size + 2 * pad - dilation * (kernel - 1) - 1) / stride) + 1;
