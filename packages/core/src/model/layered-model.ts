import { Rng, type Shape, ShapeError, type Tensor, ValueError } from '@evoprop/tensor';
import { fmtShape } from '../format.js';
import { initializerFor } from '../init/initializers.js';
import type { BuiltLayer, LayerContext, ParamDecl } from '../layers/layer.js';
import { Params } from '../params/params.js';
import type { BuildOptions, ModelKind } from './kinds.js';
import type { ForwardOptions, Mode, Model, ModelSpec } from './model.js';

/** A built layer and the name its weights are prefixed with. */
export type NamedLayer = Readonly<{
  /** Unique layer name, e.g. `'dense1'`. */
  name: string;
  /** The layer, built for its input shape. */
  layer: BuiltLayer;
}>;

/** Calls the named child layer on a batch, with the current forward's mode and randomness. */
export type CallLayer = (name: string, x: Tensor) => Tensor;

export type LayeredModelParts = Readonly<{
  spec: ModelSpec;
  kind: ModelKind;
  inputShape: Shape;
  outputShape: Shape;
  layers: readonly NamedLayer[];
  /** The body of `forward`: how the layers are wired. */
  body: (call: CallLayer, x: Tensor) => Tensor;
  options: BuildOptions;
  /** Told the mode before each forward (for bodies that branch on it). */
  onMode?: (mode: Mode) => void;
}>;

const defaultFans = (d: ParamDecl) =>
  d.fans ?? { fanIn: (d.shape[0] as number) ?? 1, fanOut: (d.shape[d.shape.length - 1] as number) ?? 1 };

/**
 * A model made of named layers: one flat Params vector for all their weights
 * (`<layer>.<param>`), one for their buffers, and a body that wires them. Both
 * `sequential` and `defineModel` produce one.
 */
export class LayeredModel implements Model {
  /** The architecture as JSON; `buildModel(spec)` rebuilds it. */
  readonly spec: ModelSpec;
  /** All layers' weights in one flat vector (`<layer>.<param>`). */
  readonly params: Params;
  /** All layers' buffers (batch-norm statistics), or undefined when no layer has one. */
  readonly buffers?: Params;
  /** Per-sample input shape (without the batch dimension). */
  readonly inputShape: Shape;
  /** Per-sample output shape (without the batch dimension). */
  readonly outputShape: Shape;
  private readonly parts: LayeredModelParts;
  private readonly byName = new Map<string, BuiltLayer>();
  /** The model's own stream for train-mode randomness when forward gets no rng. */
  private randomness: Rng;

  constructor(parts: LayeredModelParts) {
    this.parts = parts;
    this.spec = parts.spec;
    this.inputShape = [...parts.inputShape];
    this.outputShape = [...parts.outputShape];
    const layout: { name: string; shape: Shape }[] = [];
    const bufferLayout: { name: string; shape: Shape }[] = [];
    for (const { name, layer } of parts.layers) {
      if (this.byName.has(name)) throw new ValueError('model', 'unique layer names', `'${name}' twice`);
      this.byName.set(name, layer);
      for (const p of layer.params) layout.push({ name: `${name}.${p.name}`, shape: p.shape });
      for (const b of layer.buffers ?? []) bufferLayout.push({ name: `${name}.${b.name}`, shape: b.shape });
    }
    this.params = new Params(layout);
    // NOTE: absent, not `undefined`, when no layer has buffers: the Model contract's `buffers?: Params`
    // under a user's exactOptionalPropertyTypes rejects a property typed `Params | undefined`.
    if (bufferLayout.length > 0) {
      const buffers = new Params(bufferLayout);
      buffers.setTrainable(buffers.names, false);
      this.buffers = buffers;
    }
    for (const { name, layer } of parts.layers) {
      for (const b of layer.buffers ?? []) this.buffers?.get(`${name}.${b.name}`).data.fill(b.fill);
    }
    const rng = parts.options.rng ?? Rng.fromSeed(0);
    this.randomness = rng.fork('forward');
    if (parts.options.initialize !== false) {
      for (const { name, layer } of parts.layers) {
        for (const d of layer.params) {
          const full = `${name}.${d.name}`;
          const init = typeof d.init === 'string' ? initializerFor(d.init) : d.init;
          // One fork per parameter: adding a layer never changes another layer's initial weights.
          init(this.params.get(full).data, d.shape, defaultFans(d), rng.fork(`init/${full}`));
        }
      }
    }
  }

  forward(x: Tensor, mode: Mode = 'eval', options: ForwardOptions = {}): Tensor {
    const expected = this.inputShape;
    if (x.rank !== expected.length + 1 || expected.some((d, i) => x.shape[i + 1] !== d)) {
      throw new ShapeError(`${this.spec.kind}.forward`, `input [batch, ${expected.join(', ')}]`, fmtShape(x.shape));
    }
    const rng = options.rng ?? this.randomness;
    this.parts.onMode?.(mode);
    const call: CallLayer = (name, h) => {
      const layer = this.byName.get(name);
      if (layer === undefined)
        throw new ValueError(`${this.spec.kind}.forward`, `a layer among ${[...this.byName.keys()].join(', ')}`, `'${name}'`);
      return layer.forward(h, this.context(name, mode, rng));
    };
    return this.parts.body(call, x);
  }

  private context(name: string, mode: Mode, rng: Rng): LayerContext {
    return {
      mode,
      param: (p) => this.params.get(`${name}.${p}`),
      buffer: (b) => {
        if (this.buffers === undefined) throw new ValueError(`layer '${name}'`, 'a declared buffer', `'${b}' (model has no buffers)`);
        return this.buffers.get(`${name}.${b}`);
      },
      rng: () => rng,
    };
  }

  /**
   * A Keras-style table: one row per layer with its output shape (per sample) and
   * parameter count, then the totals.
   */
  summary(): string {
    const rows = this.parts.layers.map(({ name, layer }) => {
      const count = layer.params.reduce((n, p) => n + p.shape.reduce((a, d) => a * d, 1), 0);
      return [name, fmtShape(layer.outputShape), String(count)];
    });
    const header = ['layer', 'output shape', 'params'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    const line = (r: readonly string[]) =>
      r.map((c, i) => (i === 2 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ');
    const frozen = this.params.entries.filter((e) => !this.params.isTrainable(e.name)).reduce((n, e) => n + e.size, 0);
    return [
      `${this.spec.kind} model, input ${fmtShape(this.inputShape)}`,
      line(header),
      ...rows.map(line),
      `total params: ${this.params.size} (trainable ${this.params.size - frozen}, frozen ${frozen}); buffers: ${this.buffers?.size ?? 0}`,
    ].join('\n');
  }

  clone(): LayeredModel {
    const copy = this.parts.kind.build(this.spec, { ...this.parts.options, initialize: false });
    if (!(copy instanceof LayeredModel) || copy.params.size !== this.params.size) {
      throw new ValueError('clone', `a model with ${this.params.size} parameters`, `${copy.params.size}`);
    }
    copy.params.setVector(this.params.vector);
    copy.params.setTrainable(this.params.frozenNames(), false);
    if (this.buffers !== undefined) copy.buffers?.setVector(this.buffers.vector);
    copy.randomness = Rng.fromState(this.randomness.state());
    return copy;
  }
}
