/** `examples/custom-trainer/README.md`: the arena table of the plugin demo (its seeded columns). */
import { cell } from '../extract.js';
import type { FigureRun } from '../types.js';
import { figuresOf, tsx } from './helpers.js';

const file = 'examples/custom-trainer/README.md';
const id = 'examples/custom-trainer-arena';
const fig = figuresOf(id, file);

/** One README row: success, accuracy, FLOPs and evaluations to target (the wall column is a timing). */
const row = (trainer: string, text: string, [success, accuracy, flops, evals]: readonly [string, string, string, string]) => [
  fig(`${trainer}-success`, text, success, cell(trainer, 3, undefined, 1)),
  fig(`${trainer}-accuracy`, text, accuracy, cell(trainer, 4, undefined, 1)),
  fig(`${trainer}-flops-to-target`, text, flops, cell(trainer, 7, undefined, 1)),
  fig(`${trainer}-evaluations-to-target`, text, evals, cell(trainer, 8, undefined, 1)),
];

/** `pnpm arena --plugin ./examples/custom-trainer/src/index.ts ...` as the README gives it, results into a temporary directory. */
export const examplesRuns: readonly FigureRun[] = [
  {
    id,
    cwd: '.',
    command: `${tsx('apps/arena/src/cli.ts')} run --plugin ./examples/custom-trainer/src/index.ts --tasks xor --trainers adam,cma-es,one-fifth-es --seeds 2 --budget evaluations=20000 --workers 0 --out "$FIGURES_TMP/arena"`,
    speed: 'fast',
    minutes: 1,
    verified:
      '2026-12-07: rerun; FLOPs to target were 37.4k (adam) and 165k (cma-es) in the README, the code gives 56.3k and 15.3M (optimizers and CMA-ES now charge their own arithmetic); rerun again: 58.4k (adam) and 20.5k (one-fifth-es), was 56.3k and 17.5k, since the cross-entropy losses charge their FLOPs (results, evaluations and accuracy unchanged); cma-es cost to target was 15.3M FLOPs / 1.02k evaluations, now 9.70M / 646: the returned model is judged on held-out data at every generation (issue 20, one truth), not every 10th; rerun again: every trainer now trains the recommended 2-4-2 network (22 weights; adam had 2-16-2) and success is the returned model on held-out data: adam 60.7k / 476, cma-es 813k / 1.09k, one-fifth-es 24.5k / 438',
    figures: [
      ...row('adam', '| 1 | adam | 22 | 100 % (2/2) | 1.000 ± 0.000 | 60.7k | 476 |', ['100 % (2/2)', '1.000 ± 0.000', '60.7k', '476']),
      ...row('cma-es', '| 2 | cma-es | 22 | 100 % (2/2) | 1.000 ± 0.000 | 813k | 1.09k |', [
        '100 % (2/2)',
        '1.000 ± 0.000',
        '813k',
        '1.09k',
      ]),
      ...row('one-fifth-es', '| 3 | one-fifth-es | 22 | 100 % (2/2) | 1.000 ± 0.000 | 24.5k | 438 |', [
        '100 % (2/2)',
        '1.000 ± 0.000',
        '24.5k',
        '438',
      ]),
    ],
  },
];
