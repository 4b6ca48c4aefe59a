import { buildModel, type Model } from '@evoprop/core';
import { type BuiltLayer, type LayerContext, layerFromSpec, layerNames, type LayerSpec } from '@evoprop/core/layers';
import { Tensor } from '@evoprop/tensor';

/**
 * Population-batched forward passes (what makes evosax fast: the whole population as one batched
 * computation). When every candidate of a generation sees the same mini-batch x, the first dense
 * layer of a group of g candidates is ONE product x·[W₁ | W₂ | … | W_g] ([batch, in] × [in, g·units],
 * g·units ≈ 1,024 columns) instead of g products, followed by one bias add and one activation over
 * [batch, g·units]; the rest of each candidate's network then runs on its own slice of that output.
 * On the CPU kernels it is no faster than one forward per candidate (0.89–1.02× on one wasm
 * thread, 0.68× on two: the product dominates and is already efficient per candidate), so the
 * trainers use it only with `fitness.populationBatch: true`.
 *
 * The results are bit-identical to λ separate forwards: the gemm kernels compute every element of
 * C from its row of A and its column of B in an order that depends on neither n nor the column's
 * place (js: float64 sums per 256-deep block of k; wasm: float32 lanes per 512-deep block), the
 * bias add and the activations are elementwise, and the slices go through the very layers of the
 * model. The FLOPs recorded are those of the λ separate products, summed.
 */

/** The rest of the network, from the first layer's output: a model on [batch, units], or none. */
type Tail = Readonly<{ model: Model; offset: number }> | null;

/**
 * A population forward for one model architecture: the outputs of λ full parameter vectors on the
 * same batch x, in order; null when this batch is better evaluated one candidate at a time.
 */
export type PopulationForward = (x: Tensor, vectors: readonly Float32Array[]) => Tensor[] | null;

// The plain kernel set multiplies products of at most 32·32·32 multiply-adds in a float32 loop that
// skips zeros of A (js-gemm.ts, `SMALL`): a wide product would take the blocked float64 path
// instead, so candidates whose own first product is that small are evaluated one by one.
const SMALL_PRODUCT = 32 * 32 * 32;

// Output columns of one wide product. All λ at once (12,800 columns for 200 × 64 units) streams a
// 40 MB weight matrix and ran 0.77× the per-candidate speed (CPU time, bench/popbatch.ts); groups
// of 256 / 512 / 1,024 columns ran 0.89× / 1.00× / 1.02×.
const GROUP_COLUMNS = 1024;

type DenseLike = LayerSpec & Readonly<{ units?: unknown; activation?: unknown; useBias?: unknown }>;

/**
 * A {@link PopulationForward} for `model` when it allows one, else null (evaluate candidates one by
 * one): a sequential model on flat inputs ([batch, in]) whose first layer is dense with an
 * elementwise activation (anything but softmax), without buffers (batch norm). Later layers may be
 * of any kind: they run per candidate, through the model's own layer code.
 */
export function populationForward(model: Model): PopulationForward | null {
  const spec = model.spec as Readonly<{ kind?: unknown; inputShape?: unknown; layers?: unknown }>;
  if (spec.kind !== 'sequential' || model.buffers !== undefined) return null;
  if (!Array.isArray(spec.inputShape) || spec.inputShape.length !== 1 || !Array.isArray(spec.layers)) return null;
  const layers = spec.layers as readonly DenseLike[];
  const first = layers[0];
  if (first === undefined || first.type !== 'dense' || first.activation === 'softmax' || typeof first.units !== 'number') return null;
  const inputs = spec.inputShape[0] as number;
  const units = first.units;
  const names = layerNames(layers);
  const entries = model.params.entries;
  const weight = entries[0];
  if (weight?.name !== `${names[0]}.weight` || weight.offset !== 0 || weight.size !== inputs * units) return null;
  const useBias = first.useBias !== false;
  const bias = useBias ? entries[1] : undefined;
  if (useBias && (bias?.name !== `${names[0]}.bias` || bias.size !== units)) return null;
  const firstSize = weight.size + (bias?.size ?? 0);
  const found = tailModel(model, layers, names, units, firstSize);
  if (found === undefined) return null;
  const tail: Tail = found;

  // Wide first layers by population size (chunks on workers may differ).
  const wide = new Map<number, Readonly<{ layer: BuiltLayer; weight: Tensor; bias: Tensor | null }>>();
  const wideLayer = (lambda: number) => {
    let w = wide.get(lambda);
    if (w === undefined) {
      const layer = layerFromSpec({ ...first, units: lambda * units }).build([inputs]);
      w = {
        layer,
        weight: new Tensor(new Float32Array(inputs * lambda * units), [inputs, lambda * units]),
        bias: useBias ? new Tensor(new Float32Array(lambda * units), [lambda * units]) : null,
      };
      wide.set(lambda, w);
    }
    return w;
  };

  // Candidates per product: about GROUP_COLUMNS output columns, so one group's weights stay in cache.
  const group = Math.max(2, Math.floor(GROUP_COLUMNS / units));
  return (x, vectors) => {
    const n = x.shape[0] as number;
    if (vectors.length < 2 || x.rank !== 2 || x.shape[1] !== inputs || n * units * inputs <= SMALL_PRODUCT) return null;
    const outputs: Tensor[] = [];
    for (let start = 0; start < vectors.length; start += group) outputs.push(...forwardGroup(x, vectors.slice(start, start + group)));
    return outputs;
  };

  function forwardGroup(x: Tensor, vectors: readonly Float32Array[]): Tensor[] {
    const lambda = vectors.length;
    const n = x.shape[0] as number;
    const { layer, weight: W, bias: b } = wideLayer(lambda);
    const wide = lambda * units;
    // W[:, c·units + j] = candidate c's W[:, j]; b likewise.
    const w = W.data;
    for (let c = 0; c < lambda; c++) {
      const v = vectors[c] as Float32Array;
      for (let i = 0; i < inputs; i++) {
        const from = i * units;
        const to = i * wide + c * units;
        for (let j = 0; j < units; j++) w[to + j] = v[from + j] as number;
      }
      if (b !== null) b.data.set(v.subarray(weight.size, weight.size + units), c * units);
    }
    const ctx: LayerContext = {
      mode: 'eval',
      param: (name) => (name === 'bias' && b !== null ? b : W),
      buffer: () => {
        throw new Error('populationForward: a dense layer has no buffers');
      },
      rng: () => {
        throw new Error('populationForward: an eval-mode dense layer draws no randomness');
      },
    };
    const h = layer.forward(x, ctx).data;
    return vectors.map((v, c) => {
      const own = new Float32Array(n * units);
      for (let r = 0; r < n; r++) {
        const from = r * wide + c * units;
        const to = r * units;
        for (let j = 0; j < units; j++) own[to + j] = h[from + j] as number;
      }
      const out = new Tensor(own, [n, units]);
      if (tail === null) return out;
      tail.model.params.vector.set(v.subarray(tail.offset));
      return tail.model.forward(out, 'eval');
    });
  }
}

/** The layers after the first as a model of their own (same names, same parameter layout), null if none, undefined if that fails. */
function tailModel(model: Model, layers: readonly LayerSpec[], names: readonly string[], units: number, offset: number): Tail | undefined {
  if (layers.length === 1) return model.params.size === offset ? null : undefined;
  let tail: Model;
  try {
    tail = buildModel(
      { kind: 'sequential', inputShape: [units], layers: layers.slice(1).map((l, i) => ({ ...l, name: names[i + 1] })) },
      { initialize: false },
    );
  } catch {
    return undefined; // e.g. a custom layer type this registry does not know: evaluate one by one
  }
  const rest = model.params.entries.slice(offset === model.params.entries[0]?.size ? 1 : 2);
  const same =
    tail.buffers === undefined &&
    tail.params.size === model.params.size - offset &&
    tail.params.entries.length === rest.length &&
    tail.params.entries.every((e, i) => e.name === rest[i]?.name && e.offset + offset === rest[i]?.offset);
  return same ? { model: tail, offset } : undefined;
}
