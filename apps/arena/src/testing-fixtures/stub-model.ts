import { Params, type Model } from '@evoprop/core';
import { type Tensor, add, matmul, tanh } from '@evoprop/tensor';

/** A 2-layer tanh network on the core Params layout; enough to test the arena without the real packages. */
export function stubMlp(inputSize: number, hidden: number, outputSize: number, vector?: Float32Array): Model {
  const params = new Params(
    [
      { name: 'l1.weight', shape: [inputSize, hidden] },
      { name: 'l1.bias', shape: [hidden] },
      { name: 'l2.weight', shape: [hidden, outputSize] },
      { name: 'l2.bias', shape: [outputSize] },
    ],
    vector,
  );
  const spec = { kind: 'stub-mlp', inputSize, hidden, outputSize };
  return {
    spec,
    params,
    forward(x: Tensor): Tensor {
      const h = tanh(add(matmul(x, params.get('l1.weight')), params.get('l1.bias')));
      return add(matmul(h, params.get('l2.weight')), params.get('l2.bias'));
    },
    clone: () => stubMlp(inputSize, hidden, outputSize, params.vector.slice()),
  };
}
