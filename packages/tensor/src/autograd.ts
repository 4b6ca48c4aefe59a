import { backendFor } from './backend/dispatch.js';
import { type Storage, isHost } from './backend/storage.js';
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
 * Build an op's result from its storage. The backward closure (storages in, storages out) is
 * only kept when grad mode is on and some input requires grad; otherwise the result is a leaf.
 */
export function record(op: string, data: Storage, shape: Shape, parents: readonly Tensor[], backward: GradNode['backward']): Tensor {
  if (gradEnabled) {
    for (let i = 0; i < parents.length; i++) {
      if ((parents[i] as Tensor).requiresGrad) return new Tensor(data, shape, { gradNode: { op, parents, backward } });
    }
  }
  return new Tensor(data, shape);
}

/**
 * Build the result of a custom op computed on the host (a fused op of your own, say): its
 * data and a backward closure on host Float32Arrays. Such an op runs on CPU backends only.
 * @example result('double', x.data.map((v) => 2 * v), x.shape, [x], (g) => [g.map((v) => 2 * v)])
 */
export function result(
  op: string,
  data: Float32Array,
  shape: Shape,
  parents: readonly Tensor[],
  backward: (gradOutput: Float32Array) => readonly (Float32Array | null)[],
): Tensor {
  return record(op, data, shape, parents, (g) => {
    if (!isHost(g)) throw new TypeError(`${op}: a host op's backward got a gradient on '${g.backend.name}'; it runs on CPU backends only`);
    return backward(g);
  });
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
  const be = backendFor(loss);
  let seedData: Storage;
  if (seed === undefined) {
    if (loss.size !== 1) {
      throw new ShapeError('backward', 'a scalar loss (or pass a seed gradient of the same shape)', fmtShape(loss.shape));
    }
    seedData = be.upload(new Float32Array([1]));
  } else {
    seedData = seed instanceof Tensor ? seed.storage : seed;
    const length = isHost(seedData) ? seedData.length : seedData.size;
    if (length !== loss.size) {
      throw new ShapeError('backward', `a seed gradient with ${loss.size} elements`, `${length} elements`);
    }
    seedData = be.copy(seedData);
  }
  if (!loss.requiresGrad) return;
  const order = topologicalOrder(loss);
  const grads = new Map<Tensor, Storage>([[loss, seedData]]);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i] as Tensor;
    const g = grads.get(node);
    if (g === undefined) continue;
    grads.delete(node);
    if (node.gradNode === null) {
      if (node.grad === null) node.grad = new Tensor(g, node.shape);
      else be.accumulate(node.grad.storage, g);
      continue;
    }
    const parentGrads = node.gradNode.backward(g);
    node.gradNode.parents.forEach((p, k) => {
      const pg = parentGrads[k];
      if (!p.requiresGrad || pg == null) return;
      const existing = grads.get(p);
      if (existing === undefined) grads.set(p, pg === g ? be.copy(pg) : pg);
      else be.accumulate(existing, pg);
    });
  }
}

/** Set every given tensor's `.grad` to zero (keeping pre-bound buffers). */
export function zeroGrad(tensors: Iterable<Tensor>): void {
  for (const t of tensors) if (t.grad !== null) backendFor(t.grad).fill(t.grad.storage, 0);
}
