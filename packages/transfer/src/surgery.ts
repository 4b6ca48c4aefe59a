import { LayeredModel, type Model, type SequentialSpec, buildModel } from '@evoprop/core';
import { type Layer, type LayerSpec, dense } from '@evoprop/core/layers';
import { Rng } from '@evoprop/tensor';
import { TransferError } from './errors.js';
import { layerOf } from './select.js';

/*
 * Surgery works on sequential models: a list of layer specs. Every result names its
 * layers explicitly (the names the source had, `dense1`, `conv2`, ...), so parameter
 * names survive cutting and appending, and weights are carried over by name, exactly.
 */

/** A sequential model's spec, or an error naming what the model is instead. */
function sequentialSpec(model: Model, where: string): SequentialSpec {
  const spec = model.spec as Partial<SequentialSpec>;
  if (spec.kind !== 'sequential' || !Array.isArray(spec.layers) || !Array.isArray(spec.inputShape)) {
    throw new TransferError(where, "a sequential model (spec.kind 'sequential')", `spec.kind '${String(model.spec.kind)}'`);
  }
  return spec as SequentialSpec;
}

/** The layer specs with their names made explicit (as `sequential` names them: type + count per type). */
export function namedLayers(model: Model): LayerSpec[] {
  const counts = new Map<string, number>();
  return sequentialSpec(model, 'namedLayers').layers.map((s) => {
    const n = (counts.get(s.type) ?? 0) + 1;
    counts.set(s.type, n);
    return { ...s, name: s.name ?? `${s.type}${n}` };
  });
}

/** Index of the first head layer: the last layer with parameters (layers after it, e.g. an activation, belong to the head). */
export function headStart(model: Model): number {
  const layers = namedLayers(model);
  const withParams = new Set(model.params.entries.map((e) => layerOf(e.name)));
  for (let i = layers.length - 1; i >= 0; i--) if (withParams.has(layers[i]?.name as string)) return i;
  throw new TransferError('headStart', 'a model with at least one parametrised layer', `layers ${layers.map((l) => l.name).join(', ')}`);
}

/** Resolve a cut point to the number of layers kept below it: a layer count, a layer name (the cut goes after it), or by default the head's start. */
export function cutIndex(model: Model, at: number | string | undefined, where: string): number {
  const layers = namedLayers(model);
  if (at === undefined) return headStart(model);
  if (typeof at === 'string') {
    const i = layers.findIndex((l) => l.name === at);
    if (i < 0) throw new TransferError(where, `a layer among ${layers.map((l) => l.name).join(', ')}`, `'${at}'`);
    return i + 1;
  }
  const k = at < 0 ? layers.length + at : at;
  if (!Number.isInteger(k) || k < 0 || k > layers.length)
    throw new TransferError(where, `a layer count in [0, ${layers.length}]`, String(at));
  return k;
}

/** Copy every parameter and buffer of `target` from the first source that has it (by name); all must be found. Frozen flags carry over. */
function carryOver(target: Model, sources: readonly Model[], where: string, include: (layer: string) => boolean = () => true): void {
  for (const [pick, frozenToo] of [[(m: Model) => m.params, true] as const, [(m: Model) => m.buffers, false] as const]) {
    const to = pick(target);
    if (to === undefined) continue;
    for (const e of to.entries) {
      if (!include(layerOf(e.name))) continue;
      const from = sources.map(pick).find((p) => p?.entries.some((x) => x.name === e.name));
      if (from === undefined) continue;
      const src = from.get(e.name);
      if (src.size !== e.size || src.shape.some((d, i) => d !== e.shape[i])) {
        throw new TransferError(`${where} '${e.name}'`, `shape [${e.shape.join(', ')}]`, `[${src.shape.join(', ')}] in the source`);
      }
      to.get(e.name).data.set(src.data);
      if (frozenToo && !from.isTrainable(e.name)) to.setTrainable([e.name], false);
    }
  }
}

function build(inputShape: readonly number[], layers: readonly LayerSpec[], rng: Rng): LayeredModel {
  const model = buildModel({ kind: 'sequential', inputShape: [...inputShape], layers: [...layers] }, { rng });
  if (!(model instanceof LayeredModel)) throw new TransferError('surgery', 'a LayeredModel from a sequential spec', model.constructor.name);
  return model;
}

const specsOf = (layers: readonly (Layer | LayerSpec)[]): LayerSpec[] =>
  layers.map((l) => ('spec' in l && typeof (l as Layer).build === 'function' ? (l as Layer).spec : (l as LayerSpec)));

/**
 * The first layers of `model` as a model of their own, weights copied exactly: a feature
 * extractor. `upTo` is a layer name (kept, with everything before it) or a layer count;
 * by default everything below the head.
 *
 * @example
 * const features = truncate(pretrained);          // conv blocks + fc, without `head`
 * const early = truncate(pretrained, 'pool1');     // up to and including pool1
 */
export function truncate(model: Model, upTo?: number | string): LayeredModel {
  const spec = sequentialSpec(model, 'truncate');
  const k = cutIndex(model, upTo, 'truncate');
  if (k === 0) throw new TransferError('truncate', 'at least one layer kept', '0');
  const out = build(spec.inputShape, namedLayers(model).slice(0, k), Rng.fromSeed(0));
  carryOver(out, [model], 'truncate');
  return out;
}

/**
 * Split into a trunk (layers before `at`) and a head (the rest, taking the trunk's output
 * shape as input). Both are sequential, with the source's weights, names and frozen flags.
 */
export function splitModel(
  model: Model,
  at?: number | string,
): Readonly<{
  /** The layers below the cut, with the original weights (and layer names). */
  trunk: LayeredModel;
  /** The layers from the cut on, taking the trunk's output shape as input. */
  head: LayeredModel;
}> {
  const spec = sequentialSpec(model, 'splitModel');
  const k = cutIndex(model, at, 'splitModel');
  const layers = namedLayers(model);
  if (k === 0 || k === layers.length)
    throw new TransferError('splitModel', `a cut strictly inside the ${layers.length} layers`, String(at));
  const trunk = build(spec.inputShape, layers.slice(0, k), Rng.fromSeed(0));
  const head = build(trunk.outputShape, layers.slice(k), Rng.fromSeed(0));
  carryOver(trunk, [model], 'splitModel');
  carryOver(head, [model], 'splitModel');
  return { trunk, head };
}

/** One sequential model from a trunk and a head (the head's input shape must be the trunk's output shape). */
export function joinModels(trunk: Model, head: Model): LayeredModel {
  const t = sequentialSpec(trunk, 'joinModels trunk');
  const h = sequentialSpec(head, 'joinModels head');
  const out = build(t.inputShape, [...namedLayers(trunk), ...namedLayers(head)], Rng.fromSeed(0));
  const trunkOut = trunk instanceof LayeredModel ? trunk.outputShape : undefined;
  if (trunkOut !== undefined && (trunkOut.length !== h.inputShape.length || trunkOut.some((d, i) => d !== h.inputShape[i]))) {
    throw new TransferError(
      'joinModels',
      `a head taking the trunk's output [${trunkOut.join(', ')}]`,
      `inputShape [${h.inputShape.join(', ')}]`,
    );
  }
  carryOver(out, [trunk, head], 'joinModels');
  return out;
}

/**
 * Append layers on top of `model`; the new layers are initialised from `rng`, the old
 * weights carried over exactly.
 */
export function appendLayers(model: Model, layers: readonly (Layer | LayerSpec)[], rng: Rng): LayeredModel {
  const spec = sequentialSpec(model, 'appendLayers');
  const out = build(spec.inputShape, [...namedLayers(model), ...specsOf(layers)], rng);
  carryOver(out, [model], 'appendLayers');
  return out;
}

/** Options of {@link replaceHead}: the new head's size and layers, and where the old head starts. */
export type ReplaceHeadOptions = Readonly<{
  /** Outputs of the new head (classes, targets). */
  outputSize: number;
  /** Hidden dense layers of the new head before the output layer (default none). */
  hidden?: readonly number[];
  /** Activation of the hidden layers (the output layer has none: the task's loss applies its own). Default 'relu'. */
  activation?: 'relu' | 'tanh' | 'gelu' | 'elu' | 'leakyRelu' | 'sigmoid';
  /** Where the old head starts is found by default; or cut after this layer (name) / at this layer count. */
  at?: number | string;
  /** Or: the new head's layers in full (then `outputSize` is checked against the model's output). */
  layers?: readonly (Layer | LayerSpec)[];
  /** Name of the output layer (default 'head'; 'head_h1', ... for hidden ones). */
  name?: string;
  /** Initialises the new head's weights (fork one per purpose, e.g. `rng.fork('head')`). */
  rng: Rng;
}>;

/**
 * Cut off the head (the last parametrised layer and anything after it, or everything after
 * `at`) and put a freshly
 * initialised one in its place. The trunk's weights and frozen flags are carried over
 * bit for bit.
 *
 * @example
 * const target = replaceHead(loadPretrained('mnist04-conv'), { outputSize: 5, rng: Rng.fromSeed(1) });
 */
export function replaceHead(model: Model, options: ReplaceHeadOptions): LayeredModel {
  const name = options.name ?? 'head';
  if (!Number.isInteger(options.outputSize) || options.outputSize < 1)
    throw new TransferError('replaceHead outputSize', 'a positive integer', String(options.outputSize));
  const trunkLayers = namedLayers(model).slice(0, cutIndex(model, options.at, 'replaceHead at'));
  const headLayers: LayerSpec[] =
    options.layers !== undefined
      ? specsOf(options.layers)
      : [
          ...(options.hidden ?? []).map(
            (units, i) => dense(units, { activation: options.activation ?? 'relu', name: `${name}_h${i + 1}` }).spec,
          ),
          dense(options.outputSize, { name }).spec,
        ];
  // A trunk that ends in a feature map gets a flatten in front of the new dense head.
  const spec0 = sequentialSpec(model, 'replaceHead');
  const trunkShape = build(spec0.inputShape, trunkLayers, Rng.fromSeed(0)).outputShape;
  if (options.layers === undefined && trunkShape.length > 1) headLayers.unshift({ type: 'flatten', name: `${name}_flatten` });
  const clash = headLayers.find((l) => l.name !== undefined && trunkLayers.some((t) => t.name === l.name));
  if (clash !== undefined)
    throw new TransferError('replaceHead', 'new head layer names distinct from the trunk', `'${clash.name}' in both`);
  const out = build(spec0.inputShape, [...trunkLayers, ...headLayers], options.rng);
  const produced = out.outputShape[out.outputShape.length - 1];
  if (produced !== options.outputSize) throw new TransferError('replaceHead', `a head with ${options.outputSize} outputs`, `${produced}`);
  // Only the trunk: a new head named like the old one must keep its fresh initialisation.
  const trunkNames = new Set(trunkLayers.map((l) => l.name));
  carryOver(out, [model], 'replaceHead', (layer) => trunkNames.has(layer));
  return out;
}
