export { Tensor, type GradNode, type NestedArray } from './tensor.js';
export { TensorError, ShapeError, ValueError } from './errors.js';
export { type Shape, sizeOf, stridesOf, broadcastShapes } from './shape.js';
export { backward, noGrad, isGradEnabled, zeroGrad, result } from './autograd.js';
export {
  type TensorLike,
  asTensor,
  scalar,
  fromArray,
  full,
  zeros,
  ones,
  fullLike,
  zerosLike,
  onesLike,
  arange,
  linspace,
  eye,
  randn,
  uniform,
} from './create.js';
export { add, sub, mul, div, pow, maximum, minimum } from './ops/arithmetic.js';
export {
  unaryOp,
  neg,
  exp,
  log,
  sqrt,
  abs,
  square,
  tanh,
  sigmoid,
  softplus,
  relu,
  leakyRelu,
  elu,
  gelu,
} from './ops/unary.js';
export { clamp } from './ops/clamp.js';
export { where } from './ops/where.js';
export { equal, greater, greaterEqual, less, lessEqual } from './ops/compare.js';
export { sum, mean, max, min, argmax, argmin, type ReduceOptions, type ArgReduceOptions } from './ops/reduce.js';
export { logsumexp } from './ops/logsumexp.js';
export { variance, std, type VarianceOptions } from './ops/variance.js';
export { softmax, logSoftmax } from './ops/softmax.js';
export { matmul } from './ops/matmul.js';
export { reshape, flatten, squeeze, unsqueeze, broadcastTo } from './ops/reshape.js';
export { permute, transpose } from './ops/permute.js';
export { slice, split } from './ops/slice.js';
export { concat, stack } from './ops/concat.js';
export { pad } from './ops/pad.js';
export { gather, oneHot, type Indices } from './ops/gather.js';
export { dropout } from './ops/dropout.js';
export { conv2d, type Conv2dOptions } from './ops/conv2d.js';
export { maxPool2d, avgPool2d, type Pool2dOptions } from './ops/pool.js';
export type { Pair } from './ops/window.js';
export { gradCheck, type GradCheckOptions, type GradCheckReport, type GradCheckWorst } from './grad-check.js';
export { Rng, RngError, type RngState, type AleaState } from './rng/rng.js';
export { FlopMeter, recordFlops } from './cost/flop-meter.js';
export type { Kernels, UnaryKind, BinaryKind, ReduceKind, WindowGeometry } from './kernels/kernels.js';
export { jsKernels, kernels, useKernels, setKernels, KernelError, type KernelSetName, type KernelOptions } from './kernels/registry.js';
