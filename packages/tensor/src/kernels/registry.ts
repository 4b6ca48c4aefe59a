import { jsBinary, jsUnary, jsUnaryBackward } from './js-elementwise.js';
import { jsGemm } from './js-gemm.js';
import { jsReduce, jsSoftmax, jsSoftmaxBackward } from './js-reduce.js';
import { jsAvgPool2d, jsAvgPool2dBackward, jsCol2im, jsIm2col, jsMaxPool2d } from './js-window.js';
import type { Kernels } from './kernels.js';

/** The plain TypeScript kernel set; always available. */
export const jsKernels: Kernels = {
  name: 'js',
  gemm: jsGemm,
  unary: jsUnary,
  unaryBackward: jsUnaryBackward,
  binary: jsBinary,
  reduce: jsReduce,
  softmax: jsSoftmax,
  softmaxBackward: jsSoftmaxBackward,
  im2col: jsIm2col,
  col2im: jsCol2im,
  maxPool2d: jsMaxPool2d,
  avgPool2d: jsAvgPool2d,
  avgPool2dBackward: jsAvgPool2dBackward,
};

let active: Kernels = jsKernels;

/** The kernel set ops currently use. */
export const kernels = (): Kernels => active;

/** Replace the active kernel set (for example with a WebAssembly one). Returns the previous set. */
export function useKernels(set: Kernels): Kernels {
  const previous = active;
  active = set;
  return previous;
}
