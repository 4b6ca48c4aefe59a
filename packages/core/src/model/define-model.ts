import { type Rng, type Shape, Tensor, noGrad, zeros } from '@evoprop/tensor';
import { z } from 'zod';
import { SpecError } from '../errors.js';
import { fmtShape } from '../format.js';
import type { BuiltLayer, Layer } from '../layers/layer.js';
import { parseSpec } from '../validate.js';
import type { BuildOptions, ModelKind } from './kinds.js';
import { LayeredModel, type NamedLayer } from './layered-model.js';
import type { Mode } from './model.js';

/** The named child layers as functions of a batch, bound to the current forward. */
export type Children<K extends string> = Readonly<Record<K, (x: Tensor) => Tensor>>;

/** What {@link defineModel} takes: a config schema, the child layers and the forward that wires them. `C` is the config type, `K` the child names. */
export type ModelDefinition<C, K extends string> = Readonly<{
  /** The `spec.kind` this definition rebuilds; pass the returned value in `kinds`. */
  kind: string;
  /** Validates `config` (from code or JSON); its output is what `layers` and `forward` see. */
  configSchema: z.ZodType<C>;
  /** The child layers, by name; their weights are `<name>.<param>`. */
  layers(config: C): Readonly<Record<K, Layer>>;
  /** Wire the children. `x` is [batch, ...inputShape]. A child called twice shares its weights. */
  forward(layers: Children<K>, x: Tensor, config: C, mode: Mode): Tensor;
}>;

/** What {@link defineModel} returns: a model kind for `buildModel`/`loadModel`, plus `create`. */
export type DefinedModelKind<C> = ModelKind &
  Readonly<{
    /** Build a model of this kind for a per-sample input shape. */
    create(options: Readonly<{ inputShape: Shape; config: C; rng?: Rng }>): LayeredModel;
  }>;

const DefinedSpec = z.strictObject({ kind: z.string(), inputShape: z.array(z.number().int().nonnegative()), config: z.unknown() });

/**
 * A model whose forward you write yourself (residual connections, several heads)
 * while `params`, `spec`, `clone()` and model files keep working. Child layers are
 * built lazily: one traced forward on a zero batch tells each child its input shape,
 * then all weights are laid out in the declared order.
 *
 * @example
 * const residual = defineModel({
 *   kind: 'residual-mlp',
 *   configSchema: z.object({ width: z.number() }),
 *   layers: (c) => ({ inp: dense(c.width), hidden: dense(c.width, { activation: 'relu' }), out: dense(2) }),
 *   forward: (L, x) => { const h = L.inp(x); return L.out(add(h, L.hidden(h))); },
 * });
 * const model = residual.create({ inputShape: [4], config: { width: 8 }, rng });
 * buildModel(model.spec, { kinds: { [residual.kind]: residual } }); // same architecture
 */
export function defineModel<C, K extends string>(definition: ModelDefinition<C, K>): DefinedModelKind<C> {
  const kind: DefinedModelKind<C> = {
    kind: definition.kind,
    build(raw, options: BuildOptions) {
      const spec = parseSpec(DefinedSpec, raw, `${definition.kind} spec`);
      if (spec.kind !== definition.kind) throw new SpecError(`${definition.kind} spec.kind`, `'${definition.kind}'`, `'${spec.kind}'`);
      const config = parseSpec(definition.configSchema, spec.config, `${definition.kind} config`);
      const children = definition.layers(config) as Readonly<Record<string, Layer>>;
      const names = Object.keys(children);
      const inputShape = spec.inputShape;

      // Trace: build each child on first use with the shape it receives, run it on zero weights.
      const built = new Map<string, { layer: BuiltLayer; input: Shape }>();
      const traceCall = (name: string, x: Tensor): Tensor => {
        const child = children[name] as Layer;
        const sampleShape = x.shape.slice(1);
        let entry = built.get(name);
        if (entry === undefined) {
          entry = { layer: child.build(sampleShape), input: sampleShape };
          built.set(name, entry);
        } else if (entry.input.length !== sampleShape.length || entry.input.some((d, i) => d !== sampleShape[i])) {
          throw new SpecError(
            `${definition.kind} layer '${name}'`,
            `the same input shape on every call (${fmtShape(entry.input)})`,
            fmtShape(sampleShape),
          );
        }
        const layer = entry.layer;
        const temp = new Map(layer.params.map((p) => [p.name, zeros(p.shape)]));
        const tempBuffers = new Map(
          (layer.buffers ?? []).map((b) => [
            b.name,
            new Tensor(new Float32Array(b.shape.reduce((a, d) => a * d, 1)).fill(b.fill), b.shape),
          ]),
        );
        return layer.forward(x, {
          mode: 'eval',
          param: (p) => temp.get(p) as Tensor,
          buffer: (b) => tempBuffers.get(b) as Tensor,
          rng: () => {
            throw new SpecError(definition.kind, 'no randomness while tracing shapes', 'a call to rng()');
          },
        });
      };
      const out = noGrad(() => definition.forward(bind(names, traceCall), zeros([1, ...inputShape]), config, 'eval'));
      const unused = names.filter((n) => !built.has(n));
      if (unused.length > 0)
        throw new SpecError(`${definition.kind} forward`, 'every declared layer to be used', `unused: ${unused.join(', ')}`);

      const layers: NamedLayer[] = names.map((name) => ({ name, layer: (built.get(name) as { layer: BuiltLayer }).layer }));
      let currentMode: Mode = 'eval';
      return new LayeredModel({
        spec: { kind: definition.kind, inputShape: [...inputShape], config: spec.config },
        kind,
        inputShape,
        outputShape: out.shape.slice(1),
        layers,
        body: (call, x) => definition.forward(bind(names, call), x, config, currentMode),
        options,
        onMode: (mode) => {
          currentMode = mode;
        },
      });
    },
    create({ inputShape, config, rng }) {
      return kind.build({ kind: definition.kind, inputShape: [...inputShape], config }, rng === undefined ? {} : { rng }) as LayeredModel;
    },
  };
  return kind;
}

function bind<K extends string>(names: readonly string[], call: (name: string, x: Tensor) => Tensor): Children<K> {
  return Object.fromEntries(names.map((n) => [n, (x: Tensor) => call(n, x)])) as Children<K>;
}
