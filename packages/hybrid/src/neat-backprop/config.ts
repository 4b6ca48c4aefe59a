import { deprecatedKeys } from '@evoprop/core/config';
import { z } from 'zod';
import { refinementSchema } from '../shared/optimizer.js';

/** Config of the NEAT + backprop trainer `NeatBackpropTrainer` (strict: unknown keys are rejected). */
export const neatBackpropConfigSchema = deprecatedKeys(
  z.strictObject({
    /** NEAT's starting values ('paper' = Stanley & Miikkulainen 2002, section 4.1). */
    preset: z.enum(['paper', 'paper-dpnv']).default('paper'),
    /** Overrides of the preset (deep-merged and checked by @evoprop/evolution). Population 50 unless set here. */
    neat: z.record(z.string(), z.unknown()).default({}),
    /** k gradient steps on every phenotype before it is scored. */
    refinement: refinementSchema.default(
      refinementSchema.parse({ steps: 5, optimizer: { name: 'adam', learningRate: 0.05 }, clipNorm: 10 }),
    ),
    /** 'lamarckian' (default): trained weights are written back into the connection genes. 'baldwinian': genes unchanged. */
    mode: z.enum(['lamarckian', 'baldwinian']).default('lamarckian'),
    /** Fitness (maximised): −loss (default) or accuracy, on the training split after refinement. */
    fitness: z.enum(['loss', 'accuracy']).default('loss'),
    /** Rows the fitness is measured on, drawn per generation; null = the whole training split. */
    fitnessBatchSize: z.number().int().positive().nullable().default(null).meta({ unit: 'samples' }),
    /**
     * Parsimony pressure: NEAT selects on fitness − `parsimony` · (enabled connections), and the
     * returned network is the best by that score. In fitness units per connection (accuracy, or
     * loss, per connection); ≥ 0, default 0 (no pressure). E.g. 0.001 with accuracy fitness: ten
     * connections are worth 1 % training accuracy.
     */
    parsimony: z.number().nonnegative().default(0).meta({ unit: 'fitness units per connection' }),
    /**
     * Generation at which the parsimony pressure starts (before it: none), so topologies can grow
     * to a solution first and are compressed afterwards. Generations, ≥ 0; default 0.
     */
    parsimonyStart: z.number().int().nonnegative().default(0).meta({ unit: 'generations' }),
    /**
     * Generations over which the pressure rises linearly from 0 to `parsimony` after
     * `parsimonyStart`. ≥ 0; default 0 (full pressure at once).
     */
    parsimonyRamp: z.number().int().nonnegative().default(0).meta({ unit: 'generations' }),
    /**
     * Size-first selection once a network is good enough: a classification network whose
     * accuracy on the fitness rows is ≥ `sizeTarget` scores 1 + 1/(1 + c) (c = enabled
     * connections; ties broken by the loss), above every network that has not reached it (which
     * keep the `fitness` score, ≤ 1), so NEAT searches for the smallest network reaching the
     * target and the returned network is the smallest that did. A fraction in (0, 1]; default
     * null (off).
     */
    sizeTarget: z.number().positive().max(1).nullable().default(null).meta({ unit: 'fraction correct' }),
    /**
     * Magnitude pruning after refinement: enabled connections with |weight| below this are
     * disabled, then those left leading to no output; the pruned network is what is scored and
     * (Lamarckian) written back as disabled genes. Weight units, ≥ 0; default 0 = no pruning.
     */
    pruneBelow: z.number().nonnegative().default(0).meta({ unit: 'weight units' }),
    /**
     * Compaction: from generation `startGeneration` on, NEAT stops and each further step shrinks
     * the best network instead, by one greedy prune-and-retrain round (remove the smallest-|weight|
     * connection, retrain `steps` gradient steps, keep it if the training accuracy stays within
     * `tolerance` of the accuracy at the start of compaction; else try the next, up to `trials`).
     * Once a round keeps nothing, the remaining steps fine-tune the network (kept only if the
     * training loss falls). Null (default) = off.
     */
    compaction: z
      .strictObject({
        /** Generations of NEAT before compaction starts, ≥ 0. */
        startGeneration: z.number().int().nonnegative().meta({ unit: 'generations' }),
        /** Gradient steps of retraining after each removal, ≥ 1; default 100. */
        steps: z.number().int().positive().default(100).meta({ unit: 'gradient steps' }),
        /** Learning rate of the retraining (the refinement optimizer's otherwise); a converged network wants a smaller one. */
        learningRate: z.number().positive().optional().meta({ unit: 'per gradient step' }),
        /** Removals tried per round, smallest |weight| first, ≥ 1; default 5. */
        trials: z.number().int().positive().default(5).meta({ unit: 'removals' }),
        /** Training accuracy a smaller network may lose (points; regression: relative loss increase), ≥ 0; default 0. */
        tolerance: z.number().nonnegative().default(0).meta({ unit: 'fraction correct' }),
      })
      .nullable()
      .default(null),
    /** Generations between validation-split metrics of the best network (monitoring, not charged). Formerly `evaluateEvery`. */
    validateEvery: z.number().int().positive().default(1).meta({ unit: 'generations' }),
  }),
  { evaluateEvery: 'validateEvery' },
);
/** NEAT + backprop config as written by a user (every key optional). */
export type NeatBackpropConfig = z.input<typeof neatBackpropConfigSchema> & {
  /** @deprecated The old name of `validateEvery` (still accepted, with a deprecation warning). */
  readonly evaluateEvery?: number;
};
/** NEAT + backprop config after parsing, with every default filled in. */
export type ParsedNeatBackpropConfig = z.output<typeof neatBackpropConfigSchema>;
