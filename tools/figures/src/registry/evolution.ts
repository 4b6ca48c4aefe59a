/** `packages/evolution/README.md`: CMA-ES evaluation counts against pycma. */
import { cell, thousands } from '../extract.js';
import type { FigureRun } from '../types.js';
import { figuresOf, tsx } from './helpers.js';

const file = 'packages/evolution/README.md';
const id = 'evolution/cma-es';
const fig = figuresOf(id, file);

/** One README row of the CMA-ES table: solved, median, min, max from the bench row labelled `label`. */
function row(name: string, text: string, label: string, [solved, med, min, max]: readonly [string, string, string, string]) {
  return [
    fig(`${name}-solved`, text, solved, cell(label, 1)),
    fig(`${name}-median`, text, med, cell(label, 2, thousands)),
    fig(`${name}-min`, text, min, cell(label, 3, thousands)),
    fig(`${name}-max`, text, max, cell(label, 4, thousands)),
  ];
}

/** The "Measured" table: 10 seeds per problem, evaluation counts until f < 1e-8. */
export const evolutionRuns: readonly FigureRun[] = [
  {
    id,
    cwd: 'packages/evolution',
    command: tsx('bench/cma-es.ts'),
    speed: 'fast',
    minutes: 0.8,
    verified: '2026-12-07: rerun, all match',
    figures: [
      ...row('sphere', '| sphere, x0 = 1, σ0 = 1, CMA-ES | 10/10 | 1,390 (1,330–1,440) |', 'sphere, CMA-ES', [
        '10/10',
        '1,390',
        '1,330',
        '1,440',
      ]),
      ...row('rosenbrock', '| Rosenbrock, x0 = 0.1, σ0 = 0.3, CMA-ES | 10/10 | 4,925 (4,710–5,330) |', 'Rosenbrock, CMA-ES', [
        '10/10',
        '4,925',
        '4,710',
        '5,330',
      ]),
      ...row(
        'rastrigin-ipop',
        '| Rastrigin, x0 ~ U[−5.12, 5.12]¹⁰, σ0 = 2, IPOP-CMA-ES | 10/10 | 65,605 (30,860–92,780) |',
        'Rastrigin, ipop-cma-es',
        ['10/10', '65,605', '30,860', '92,780'],
      ),
      ...row('rastrigin-bipop', '| Rastrigin, same, BIPOP-CMA-ES | 10/10 | 114,306 (45,878–215,570) |', 'Rastrigin, bipop-cma-es', [
        '10/10',
        '114,306',
        '45,878',
        '215,570',
      ]),
    ],
  },
];
