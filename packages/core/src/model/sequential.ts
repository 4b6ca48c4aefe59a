import type { Rng, Shape } from '@evoprop/tensor';
import { z } from 'zod';
import { SpecError } from '../errors.js';
import type { Layer, LayerSpec, LayerType } from '../layers/layer.js';
import { layerFromSpec } from '../layers/registry.js';
import { parseSpec } from '../validate.js';
import type { BuildOptions, ModelKind } from './kinds.js';
import { LayeredModel, type NamedLayer } from './layered-model.js';

const SequentialSpec = z.strictObject({
  kind: z.literal('sequential'),
  inputShape: z.array(z.number().int().nonnegative()),
  layers: z.array(z.looseObject({ type: z.string(), name: z.string().optional() })),
});
/** The JSON spec of a {@link sequential} model. */
export type SequentialSpec = Readonly<{
  /** Always `'sequential'`. */
  kind: 'sequential';
  /** Per-sample input shape (without the batch dimension). */
  inputShape: readonly number[];
  /** The layers' specs, input side first. */
  layers: readonly LayerSpec[];
}>;

/** The names `sequential` gives its layers: the spec's `name`, else type + 1-based count per type (dense1, relu1, dense2). */
export function layerNames(specs: readonly LayerSpec[]): string[] {
  const counts = new Map<string, number>();
  return specs.map((s) => {
    const n = (counts.get(s.type) ?? 0) + 1;
    counts.set(s.type, n);
    return s.name ?? `${s.type}${n}`;
  });
}

function assemble(spec: SequentialSpec, layers: readonly Layer[], options: BuildOptions): LayeredModel {
  const names = layerNames(spec.layers);
  const built: NamedLayer[] = [];
  let shape: Shape = spec.inputShape;
  layers.forEach((layer, i) => {
    const name = names[i] as string;
    try {
      const b = layer.build(shape);
      built.push({ name, layer: b });
      shape = b.outputShape;
    } catch (e) {
      if (e instanceof Error) e.message = `sequential layer ${i} ('${name}'): ${e.message}`;
      throw e;
    }
  });
  const order = built.map((b) => b.name);
  return new LayeredModel({
    spec,
    kind: sequentialKind,
    inputShape: spec.inputShape,
    outputShape: shape,
    layers: built,
    body: (call, x) => order.reduce((h, name) => call(name, h), x),
    options,
  });
}

/** Rebuilds `{ kind: 'sequential', inputShape, layers }` specs. */
export const sequentialKind: ModelKind = {
  kind: 'sequential',
  build(raw, options) {
    const parsed = parseSpec(SequentialSpec, raw, 'sequential spec');
    const extra: Readonly<Record<string, LayerType>> = options.layers ?? {};
    const layers = parsed.layers.map((l) => layerFromSpec(l, extra));
    return assemble({ kind: 'sequential', inputShape: parsed.inputShape, layers: layers.map((l) => l.spec) }, layers, options);
  },
};

/** Options of {@link sequential}. */
export type SequentialOptions = Readonly<{
  /** Per-sample input shape (without the batch dimension), e.g. `[2]` or `[1, 28, 28]`. */
  inputShape: Shape;
  /** Initialisation randomness. Default `Rng.fromSeed(0)`. */
  rng?: Rng;
}>;

/**
 * A stack of layers, each fed the previous one's output. Shapes are inferred from
 * `inputShape` (per sample, no batch dimension); a layer that cannot take its input
 * shape fails here, naming the layer.
 *
 * @example
 * const model = sequential([dense(16, { activation: 'relu' }), dense(3)], { inputShape: [4], rng: Rng.fromSeed(1) });
 * model.params.names; // ['dense1.weight', 'dense1.bias', 'dense2.weight', 'dense2.bias']
 */
export function sequential(layers: readonly Layer[], options: SequentialOptions): LayeredModel {
  if (!Array.isArray(options.inputShape) || options.inputShape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new SpecError('sequential', 'inputShape as an array of non-negative integers', JSON.stringify(options.inputShape));
  }
  const spec: SequentialSpec = { kind: 'sequential', inputShape: [...options.inputShape], layers: layers.map((l) => l.spec) };
  return assemble(spec, layers, { rng: options.rng });
}
