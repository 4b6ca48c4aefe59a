import type { DiagnosticEvent, Model, Params, WarningEvent } from '@evoprop/core';

/** One layer's slice of the flat vector: its entries' [offset, offset + size) ranges. */
type LayerRanges = Readonly<{ name: string; ranges: readonly (readonly [number, number])[] }>;
/** The bias of a ReLU-activated layer: one value per unit (or per channel for conv layers). */
type ReluUnits = Readonly<{ name: string; offset: number; size: number }>;

/** Plain-data accumulators over the current epoch (kept in checkpoints). */
export type HealthState = {
  /** Gradient steps observed since the last flush. */
  steps: number;
  /** Per layer (in parameter order), the sum over steps of the layer's gradient L2 norm. */
  gradNorm: number[];
  /** Per layer, the sum over steps of the update's L2 norm. */
  updateNorm: number[];
  /** Per layer, the sum over steps of the weights' L2 norm. */
  weightNorm: number[];
  /** Sum over steps of the global (all trainable parameters) gradient L2 norm. */
  globalGradNorm: number;
  /** Per ReLU layer, 1 where a unit's bias received a nonzero gradient this epoch. */
  alive: number[][];
  /** Mean global gradient norm of the first flushed epoch, the reference for the exploding-gradient warning; null before it. */
  firstGlobalGradNorm: number | null;
  /** Keys of the warnings already emitted (each warning is emitted once per run). */
  warned: string[];
};

const reluFamily = new Set(['relu']);

/** Layer name of a parameter entry: 'dense1.weight' → 'dense1'. */
const layerOf = (entry: string) => (entry.includes('.') ? entry.slice(0, entry.lastIndexOf('.')) : entry);

/**
 * ReLU layers of a sequential spec: layers with `activation: 'relu'`, and parameter layers
 * directly followed by a `{ type: 'relu' }` layer. Other model kinds report no dead units.
 */
function reluLayers(model: Model, params: Params): ReluUnits[] {
  const spec = model.spec as { kind: string; layers?: readonly Readonly<Record<string, unknown>>[] };
  if (spec.kind !== 'sequential' || !Array.isArray(spec.layers)) return [];
  const counts = new Map<string, number>();
  const names = spec.layers.map((l) => {
    const type = String(l.type);
    const n = (counts.get(type) ?? 0) + 1;
    counts.set(type, n);
    return typeof l.name === 'string' ? l.name : `${type}${n}`;
  });
  const out: ReluUnits[] = [];
  spec.layers.forEach((l, i) => {
    const next = spec.layers?.[i + 1];
    const relu = reluFamily.has(String(l.activation)) || (next !== undefined && reluFamily.has(String(next.type)));
    const bias = `${names[i]}.bias`;
    if (relu && params.names.includes(bias) && params.isTrainable(bias)) {
      const e = params.entry(bias);
      out.push({ name: names[i] as string, offset: e.offset, size: e.size });
    }
  });
  return out;
}

const norm2 = (v: Float32Array, ranges: LayerRanges['ranges']) => {
  let s = 0;
  for (const [a, b] of ranges) for (let i = a; i < b; i++) s += (v[i] as number) * (v[i] as number);
  return s;
};

/**
 * Gradient health, measured instead of guessed: per-layer gradient norms, update-to-weight
 * ratios (Karpathy's ~1e-3 rule of thumb, CS231n "Babysitting the learning process"), the
 * fraction of ReLU units whose gradient was exactly zero for a whole epoch (dead units), and
 * warnings when gradients vanish across depth (Glorot & Bengio 2010, §4.2.2) or explode
 * (Pascanu et al. 2013, §2.1).
 */
export class GradientHealth {
  private readonly layers: LayerRanges[];
  private readonly relu: ReluUnits[];

  /** Read the layout (trainable layers and ReLU units) of `model`. */
  constructor(model: Model) {
    const params = model.params;
    const byLayer = new Map<string, [number, number][]>();
    for (const e of params.entries) {
      if (!params.isTrainable(e.name)) continue;
      const name = layerOf(e.name);
      const list = byLayer.get(name) ?? [];
      list.push([e.offset, e.offset + e.size]);
      byLayer.set(name, list);
    }
    this.layers = [...byLayer].map(([name, ranges]) => ({ name, ranges }));
    this.relu = reluLayers(model, params);
  }

  /** Zeroed accumulators for this model's layers. */
  init(): HealthState {
    return {
      steps: 0,
      gradNorm: this.layers.map(() => 0),
      updateNorm: this.layers.map(() => 0),
      weightNorm: this.layers.map(() => 0),
      globalGradNorm: 0,
      alive: this.relu.map((r) => new Array<number>(r.size).fill(0)),
      firstGlobalGradNorm: null,
      warned: [],
    };
  }

  /** Record one step (mutates the accumulators in `s`). */
  observe(s: HealthState, grads: Float32Array, updates: Float32Array, weights: Float32Array): void {
    s.steps++;
    let global = 0;
    this.layers.forEach((l, k) => {
      const g = norm2(grads, l.ranges);
      global += g;
      s.gradNorm[k] = (s.gradNorm[k] as number) + Math.sqrt(g);
      s.updateNorm[k] = (s.updateNorm[k] as number) + Math.sqrt(norm2(updates, l.ranges));
      s.weightNorm[k] = (s.weightNorm[k] as number) + Math.sqrt(norm2(weights, l.ranges));
    });
    s.globalGradNorm += Math.sqrt(global);
    this.relu.forEach((r, k) => {
      const alive = s.alive[k] as number[];
      for (let u = 0; u < r.size; u++) if (grads[r.offset + u] !== 0) alive[u] = 1;
    });
  }

  /** Events for the epoch so far (means over its steps), then reset the accumulators. */
  flush(s: HealthState, step: number): (DiagnosticEvent | WarningEvent)[] {
    if (s.steps === 0) return [];
    const n = s.steps;
    const grad: Record<string, number> = {};
    const ratio: Record<string, number> = {};
    this.layers.forEach((l, k) => {
      grad[l.name] = (s.gradNorm[k] as number) / n;
      const w = (s.weightNorm[k] as number) / n;
      ratio[l.name] = w > 0 ? (s.updateNorm[k] as number) / n / w : Number.NaN;
    });
    const global = s.globalGradNorm / n;
    grad.global = global;
    const events: (DiagnosticEvent | WarningEvent)[] = [
      { type: 'diagnostic', step, name: 'gradient-norm', values: grad },
      { type: 'diagnostic', step, name: 'update-to-weight', values: ratio },
    ];
    if (this.relu.length > 0) {
      const dead: Record<string, number> = {};
      let deadAll = 0;
      let total = 0;
      this.relu.forEach((r, k) => {
        const alive = (s.alive[k] as number[]).reduce((a, b) => a + b, 0);
        dead[r.name] = (r.size - alive) / r.size;
        deadAll += r.size - alive;
        total += r.size;
      });
      dead.all = deadAll / total;
      events.push({ type: 'diagnostic', step, name: 'dead-relu', values: dead });
      if (dead.all > 0.5)
        events.push(
          ...this.warnOnce(
            s,
            step,
            'dead',
            `${(100 * dead.all).toFixed(0)}% of ReLU units are dead (no gradient for a whole epoch); try a lower learning rate or leaky ReLU`,
          ),
        );
    }
    const norms = this.layers.map((l) => grad[l.name] as number);
    const largest = norms.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
    this.layers.forEach((l, k) => {
      const g = norms[k] as number;
      if (this.layers.length > 1 && largest > 0 && g < 1e-4 * largest) {
        events.push(
          ...this.warnOnce(
            s,
            step,
            `vanishing/${l.name}`,
            `vanishing gradient: layer '${l.name}' gets ${g.toExponential(2)}, under 1e-4 of the largest layer's ${largest.toExponential(2)}`,
          ),
        );
      }
    });
    if (s.firstGlobalGradNorm === null) s.firstGlobalGradNorm = global;
    else if (global > 1e3 || (s.firstGlobalGradNorm > 0 && global > 100 * s.firstGlobalGradNorm)) {
      events.push(
        ...this.warnOnce(
          s,
          step,
          'exploding',
          `exploding gradient: global norm ${global.toExponential(2)} (first epoch ${s.firstGlobalGradNorm.toExponential(2)}); try clipNorm or a lower learning rate`,
        ),
      );
    }
    s.steps = 0;
    s.gradNorm.fill(0);
    s.updateNorm.fill(0);
    s.weightNorm.fill(0);
    s.globalGradNorm = 0;
    for (const a of s.alive) a.fill(0);
    return events;
  }

  private warnOnce(s: HealthState, step: number, key: string, message: string): WarningEvent[] {
    if (s.warned.includes(key)) return [];
    s.warned.push(key);
    return [{ type: 'warning', step, message }];
  }
}
