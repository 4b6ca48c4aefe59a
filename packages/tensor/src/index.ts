export { Tensor, DeviceReadError, type GradNode, type NestedArray } from './tensor.js';
export type { Storage, DeviceStorage } from './backend/storage.js';
export type { Backend, BackendKernels, OnStorage, ToStorage } from './backend/backend.js';
export { cpuBackend } from './backend/cpu-backend.js';
export { EvopropError, TensorError, ShapeError, ValueError } from './errors.js';
export { type Shape, sizeOf, stridesOf, broadcastShapes } from './shape.js';
export { backward, noGrad, isGradEnabled, zeroGrad, result, record } from './autograd.js';
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
export { sparseSoftmaxCrossEntropy, sigmoidCrossEntropy, type CrossEntropyOpOptions } from './ops/cross-entropy.js';
export { movingAverage } from './ops/moving-average.js';
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
export { portableMath, fdlibm, type PortableMath } from './math/portable-math.js';
export { wasmGemmThreadStats, type GemmThreadStats } from './kernels/wasm/wasm-gemm.js';
export { FlopMeter, recordFlops, uncharged } from './cost/flop-meter.js';
export type {
  AdamStep,
  Kernels,
  UnaryKind,
  BinaryKind,
  CompareKind,
  ComposedUnaryKind,
  FusedBinaryBackwardKind,
  ReduceKind,
  WindowGeometry,
} from './kernels/kernels.js';
export {
  jsKernels,
  jsBackend,
  kernels,
  useKernels,
  setKernels,
  createBackend,
  currentBackend,
  setBackend,
  withBackend,
  KernelError,
  type KernelSetName,
  type KernelOptions,
} from './kernels/registry.js';
