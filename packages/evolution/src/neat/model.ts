/**
 * A NEAT phenotype as the common `Model`: `forward` maps [batch, inputs] to
 * [batch, outputs] through one differentiable op, `params` holds one weight per
 * enabled connection (in innovation order, as 'weight'), and `spec` is
 * `{ kind: 'neat', genome, ... }` with the genome's weights kept in step with `params`,
 * so `buildModel(model.spec, { kinds: neatModelKinds })` and the model files work.
 */
import { type ModelKind, type ModelKinds, type ModelSpec, Params, SpecError } from '@evoprop/core';
import type { Model } from '@evoprop/core';
import type { Tensor } from '@evoprop/tensor';
import { z } from 'zod';
import { activationNames } from './activations.js';
import type { NeatConfig } from './config.js';
import { neatForward } from './forward-op.js';
import { type Genome, GenomeError, cloneGenome, validateGenome } from './genome.js';
import { type NetworkPlan, type PlanOptions, compileNetworkPlan } from './network.js';

/** The saved form of a `NeatModel` (JSON). */
export type NeatModelSpec = Readonly<{
  /** Always 'neat'. */
  kind: 'neat';
  /** The genome, disabled genes included. */
  genome: Genome;
  /** Sigmoid slope of every node. */
  sigmoidSlope: number;
  /** Whether the network is recurrent. */
  recurrent: boolean;
  /** Synchronous steps per activation when recurrent. */
  activationSteps: number;
  /** Value of the bias input; absent means 1 (files written before it existed). */
  biasInput?: number;
}>;

/** The phenotype options of a config (`config.network`). */
export const planOptionsOf = (config: NeatConfig): PlanOptions => ({
  slope: config.network.sigmoidSlope,
  recurrent: config.network.recurrent,
  activationSteps: config.network.activationSteps,
  bias: config.network.biasInput,
});

export class NeatModel implements Model {
  /** One weight per enabled connection, in innovation order. */
  readonly params: Params;
  /** The compiled network. */
  readonly plan: NetworkPlan;
  private readonly genome: Genome;

  /**
   * @param genome The genome (copied).
   * @param options How it becomes a network.
   */
  constructor(
    genome: Genome,
    /** How the genome becomes a network. */
    readonly options: PlanOptions,
  ) {
    validateGenome(genome);
    this.genome = cloneGenome(genome);
    this.plan = compileNetworkPlan(this.genome, options);
    const enabled = this.genome.connections.filter((c) => c.enabled);
    this.params = new Params(
      [{ name: 'weight', shape: [enabled.length] }],
      Float32Array.from(enabled, (c) => c.weight),
    );
  }

  /** Number of inputs. */
  get inputs(): number {
    return this.genome.inputs;
  }
  /** Number of outputs. */
  get outputs(): number {
    return this.genome.outputs;
  }

  /** The genome with the current `params` written into its enabled connections. */
  toGenome(): Genome {
    const g = cloneGenome(this.genome);
    let p = 0;
    for (const c of g.connections) if (c.enabled) c.weight = this.params.vector[p++] as number;
    return g;
  }

  get spec(): ModelSpec {
    const spec: NeatModelSpec = {
      kind: 'neat',
      genome: this.toGenome(),
      sigmoidSlope: this.options.slope,
      recurrent: this.options.recurrent,
      activationSteps: this.options.activationSteps,
      // Written only when it is not 1, so files of bias-1 models keep their bytes.
      ...((this.options.bias ?? 1) === 1 ? {} : { biasInput: this.options.bias }),
    };
    return spec;
  }

  forward(x: Tensor): Tensor {
    return neatForward(x, this.params.get('weight'), this.plan);
  }

  clone(): NeatModel {
    const m = new NeatModel(this.toGenome(), this.options);
    m.params.setTrainable(this.params.frozenNames(), false);
    return m;
  }
}

const nodeSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  kind: z.enum(['input', 'bias', 'output', 'hidden']),
  activation: z.enum(activationNames).optional(),
});
const connectionSchema = z.strictObject({
  innovation: z.number().int().nonnegative(),
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  weight: z.number(),
  enabled: z.boolean(),
});
/** The zod schema of a `NeatModelSpec`. */
export const neatModelSpecSchema: z.ZodType<NeatModelSpec> = z.strictObject({
  kind: z.literal('neat'),
  genome: z.strictObject({
    inputs: z.number().int().positive(),
    outputs: z.number().int().positive(),
    nodes: z.array(nodeSchema),
    connections: z.array(connectionSchema),
  }),
  sigmoidSlope: z.number().positive(),
  recurrent: z.boolean(),
  activationSteps: z.number().int().positive(),
  biasInput: z.number().finite().optional(),
});

/** Rebuilds `{ kind: 'neat', ... }`. Pass `{ kinds: neatModelKinds }` to `buildModel` / `loadModel`. */
export const neatModelKind: ModelKind = {
  kind: 'neat',
  build(raw) {
    const r = neatModelSpecSchema.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new SpecError(
        'neat spec',
        `${issue?.path.join('.') || 'spec'}: ${issue?.message ?? 'valid'}`,
        JSON.stringify(raw).slice(0, 120),
      );
    }
    const s = r.data;
    try {
      return new NeatModel(s.genome, {
        slope: s.sigmoidSlope,
        recurrent: s.recurrent,
        activationSteps: s.activationSteps,
        ...(s.biasInput === undefined ? {} : { bias: s.biasInput }),
      });
    } catch (e) {
      if (e instanceof GenomeError) throw new SpecError('neat spec', 'a valid genome', e.message);
      throw e;
    }
  },
};

/** `{ neat: neatModelKind }`, for `buildModel` / `loadModel`. */
export const neatModelKinds: ModelKinds = { neat: neatModelKind };
