import { ShapeError, fmtShape } from './errors.js';
import type { Shape } from './shape.js';
import { type GradNode, Tensor } from './tensor.js';

let gradEnabled = true;

/** Whether ops currently record the graph. */
export const isGradEnabled = (): boolean => gradEnabled;

/**
 * Run `fn` without recording any graph: no parents, no closures, no tape. This is
 * the path evolution strategies use to evaluate many candidates cheaply.
 */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/**
 * Build an op's result. The backward closure is only kept when grad mode is on and
 * some input requires grad; otherwise the result is a plain leaf.
 */
export function result(op: string, data: Float32Array, shape: Shape, parents: readonly Tensor[], backward: GradNode['backward']): Tensor {
  if (gradEnabled && parents.some((p) => p.requiresGrad)) {
    return new Tensor(data, shape, { gradNode: { op, parents, backward } });
  }
  return new Tensor(data, shape);
}

function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  // Iterative DFS: a recurrent net unrolled over hundreds of steps would overflow the call stack.
  const stack: [Tensor, number][] = [[root, 0]];
  visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as [Tensor, number];
    const [node, next] = top;
    const parents = node.gradNode?.parents ?? [];
    if (next < parents.length) {
      top[1] = next + 1;
      const p = parents[next] as Tensor;
      if (p.requiresGrad && !visited.has(p)) {
        visited.add(p);
        stack.push([p, 0]);
      }
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order;
}

function accumulate(into: Float32Array, from: Float32Array): void {
  for (let i = 0; i < into.length; i++) (into[i] as number) += from[i] as number;
}

/**
 * Reverse-mode differentiation: walks the recorded graph once in reverse topological
 * order and adds d(loss)/d(leaf) into every leaf's `.grad`. A tensor used twice gets
 * both contributions. A non-scalar `loss` needs an explicit `seed` gradient.
 *
 * @example
 * const w = fromArray([1, 2]).requireGrad();
 * backward(sum(mul(w, w)));
 * w.grad?.data; // [2, 4]
 */
export function backward(loss: Tensor, seed?: Tensor | Float32Array): void {
  let seedData: Float32Array;
  if (seed === undefined) {
    if (loss.size !== 1) {
      throw new ShapeError('backward', 'a scalar loss (or pass a seed gradient of the same shape)', fmtShape(loss.shape));
    }
    seedData = new Float32Array([1]);
  } else {
    seedData = seed instanceof Tensor ? seed.data : seed;
    if (seedData.length !== loss.size) {
      throw new ShapeError('backward', `a seed gradient with ${loss.size} elements`, `${seedData.length} elements`);
    }
  }
  if (!loss.requiresGrad) return;
  const order = topologicalOrder(loss);
  const grads = new Map<Tensor, Float32Array>([[loss, Float32Array.from(seedData)]]);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i] as Tensor;
    const g = grads.get(node);
    if (g === undefined) continue;
    grads.delete(node);
    if (node.gradNode === null) {
      if (node.grad === null) node.grad = new Tensor(g, node.shape);
      else accumulate(node.grad.data, g);
      continue;
    }
    const parentGrads = node.gradNode.backward(g);
    node.gradNode.parents.forEach((p, k) => {
      const pg = parentGrads[k];
      if (!p.requiresGrad || pg == null) return;
      const existing = grads.get(p);
      if (existing === undefined) grads.set(p, pg === g ? Float32Array.from(pg) : pg);
      else accumulate(existing, pg);
    });
  }
}

/** Set every given tensor's `.grad` to zero (keeping pre-bound buffers). */
export function zeroGrad(tensors: Iterable<Tensor>): void {
  for (const t of tensors) t.grad?.data.fill(0);
}
