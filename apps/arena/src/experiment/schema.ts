import { deprecatedKeys } from '@evoprop/core/config';
import { pretrainedNames } from '@evoprop/transfer';
import { z } from 'zod';

export const costCurrencies = ['flops', 'evaluations', 'gradientSteps', 'epochs', 'generations', 'wallSeconds'] as const;
export type Currency = (typeof costCurrencies)[number];

const positive = z.number().positive();
/** A name in reports and run ids (`task/trainer/seed`), so without '/'. */
const labelSchema = z.string().regex(/^[^/]+$/, "a non-empty label without '/' (it separates the parts of a run id)");

export const targetSchema = z.strictObject({
  metric: z.string().min(1),
  value: z.number(),
  direction: z.enum(['max', 'min']).optional(),
});

/** One cost cap (the currency every trainer is charged in) and an optional target metric. */
export const budgetSchema = z
  .strictObject({
    flops: positive.optional(),
    evaluations: positive.optional(),
    gradientSteps: positive.optional(),
    epochs: positive.optional(),
    generations: positive.optional(),
    wallSeconds: positive.optional(),
    target: targetSchema.optional(),
  })
  .superRefine((b, ctx) => {
    const caps = costCurrencies.filter((k) => b[k] !== undefined);
    if (caps.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `exactly one cost cap (the currency every trainer is compared in) out of ${costCurrencies.join(', ')}`,
        params: {
          actual: `${caps.length === 0 ? 'none' : caps.join(', ')}${b.target !== undefined && caps.length === 0 ? ' (a target alone never ends a run that misses it)' : ''}`,
        },
      });
    }
  });

/**
 * An object entry of `tasks` or `trainers`: the id, a label (its name in reports, needed when one id
 * appears twice with different options or configs) and the fields of that list.
 */
const entryObject = <S extends z.ZodRawShape>(fields: S) =>
  z.strictObject({ id: z.string().min(1), label: labelSchema.optional(), ...fields });

/**
 * A task's own network, for tasks no MLP fits (token ids into embedding → LSTM → dense): a
 * sequential stack of layer specs over the task's inputs (`{ type: 'lstm', units: 64 }`, as
 * `model.spec.layers` holds them), built fresh for every run from the run's seed and handed to
 * every trainer as its starting model, so only the strategy differs. NEAT, which grows its own
 * networks, refuses it.
 */
export const taskModelSchema = z.strictObject({
  layers: z.array(z.looseObject({ type: z.string().min(1) })).min(1),
});

const taskEntrySchema = z.union([
  z.string().min(1),
  entryObject({
    options: z.record(z.string(), z.unknown()).optional(),
    /** Overrides the experiment's budget for this task (still the same for every trainer). */
    budget: budgetSchema.optional(),
    /** What counts as solved, for success rates and cost-to-target, without stopping runs (a budget target stops them). */
    target: targetSchema.optional(),
    /** The network every trainer starts from on this task (see {@link taskModelSchema}); a trainer's `start` wins. */
    model: taskModelSchema.optional(),
  }),
  // A user's data file: `{ file: data.csv, target: label }`; the other keys are the `file` task's options.
  // Only objects with a `file` key take this branch, so a typo in an `{ id }` entry is still reported as one.
  z
    .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && 'file' in v, 'an entry with a file key')
    .pipe(
      z.looseObject({
        file: z.string().min(1),
        /** The column to predict (here `target` names a column, not a success threshold). */
        target: z.string().min(1),
        /** Name in reports (default: the file's name). */
        label: labelSchema.optional(),
        /** Overrides the experiment's budget for this task. */
        budget: budgetSchema.optional(),
      }),
    ),
]);

/** A starting model instead of the trainer's fresh one: a shipped pretrained model, its head replaced for the task, parts frozen. */
export const startSchema = deprecatedKeys(
  z.strictObject({
    pretrained: z.enum(pretrainedNames),
    /** The head, as in @evoprop/transfer's config: `replace` the last parametrised layer by a fresh one sized for the task (default true). */
    head: z
      .strictObject({
        /** Replace the base's head by a fresh one with the task's output size; false keeps the base's head. Default true. */
        replace: z.boolean().default(true),
      })
      .default({ replace: true }),
    /** Parameter-name globs to freeze, e.g. 'conv*' (after the head is replaced). */
    freeze: z.array(z.string().min(1)).default([]),
  }),
  { replaceHead: 'head.replace' },
);

const trainerEntrySchema = z.union([
  z.string().min(1),
  entryObject({ config: z.record(z.string(), z.unknown()).optional(), start: startSchema.optional() }),
]);

/**
 * A runtime comparison declared before the runs (so the family of tests is fixed in advance and
 * Holm's correction covers all of it): `trainer` against each of `against` on each of `tasks`,
 * by cost to `target` (default: the hardest target of the task's ladder, 1e-8 for objectives),
 * in the report's currency. Names are trainer and task labels.
 */
export const comparisonSchema = z.strictObject({
  trainer: labelSchema,
  against: z.array(labelSchema).min(1),
  tasks: z.array(labelSchema).min(1),
  /** In the ladder's terms: f − f_opt ≤ target for objectives, metric ≥ target for accuracy-like metrics. */
  target: z.number().optional(),
});

/**
 * Equal tuning from the file, as the flags do it: `tune: 8` is `--tune 8`; the long form also sets
 * `--tune-seeds` and `--charge-tuning`. Flags given on the command line override it.
 */
const wholeAtLeastOne = (what: string) =>
  z
    .number({ error: `${what}: a whole number ≥ 1` })
    .int({ error: `${what}: a whole number ≥ 1` })
    .min(1, { error: `${what}: a whole number ≥ 1` });
export const tuneSchema = z.union(
  [
    wholeAtLeastOne('random-search trials per trainer, as --tune N'),
    z.strictObject({
      /** Random-search trials per trainer (trial 0 is the experiment's own configuration), a whole number ≥ 1. */
      trials: wholeAtLeastOne('random-search trials per trainer, as --tune N'),
      /** Tuning seeds per trial (1000000, 1000001, …), a whole number ≥ 1. Default 2. */
      seeds: wholeAtLeastOne('tuning seeds per trial, as --tune-seeds K').default(2),
      /** Add each trainer's tuning cost to its tuned runs' cost in the report. Default false. */
      chargeTuning: z.boolean().default(false),
    }),
  ],
  { error: 'random-search trials per trainer (a whole number ≥ 1, as --tune N) or { trials, seeds, chargeTuning }' },
);

export const experimentSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[\w.-]+$/, 'letters, digits, _, . and - only (it names the output folder)')
    .default('experiment'),
  description: z.string().optional(),
  tasks: z.array(taskEntrySchema).min(1),
  trainers: z.array(trainerEntrySchema).min(1),
  /** A count (seeds 0..n-1) or an explicit list. */
  seeds: z.union([z.number().int().min(1).max(1000), z.array(z.number().int().min(0)).min(1)]).default(5),
  budget: budgetSchema,
  /** 'per-seed' (default): run seed s uses task seed s for every trainer; a number: one task seed for all runs. */
  taskSeed: z.union([z.literal('per-seed'), z.number().int().min(0)]).default('per-seed'),
  /** Learning-curve points kept per run (downsampled evenly). */
  curvePoints: z.number().int().min(2).max(2000).default(60),
  /** Side of the grid a 2-D classifier's decision boundary is sampled on. */
  boundaryGrid: z.number().int().min(4).max(200).default(40),
  /** Runtime comparisons to test (rank-sum on cost to target, Holm over all of them); see {@link comparisonSchema}. */
  comparisons: z.array(comparisonSchema).optional(),
  /** Tune every trainer first (`--tune N`); see {@link tuneSchema}. */
  tune: tuneSchema.optional(),
  /** Plugin modules (paths relative to the file, or package names) loaded before ids are checked; see docs/plugins.md. */
  plugins: z.array(z.string().min(1)).optional(),
});

export type ExperimentInput = z.input<typeof experimentSchema>;
