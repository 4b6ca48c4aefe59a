/** `packages/evolution/README.md`: CMA-ES evaluation counts against pycma, and on double pole balancing (Gomez et al. 2008's protocol). */
import { capture, cell, thousands } from '../extract.js';
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

/** The double-pole table (seed, solved, evaluations, generations) of `bench/cma-es-double-pole.ts 10 5 nobias 0.5 4`. */
const doublePoleRows: readonly (readonly [string, string, string, string])[] = [
  ['4', 'no (budget)', '100002', '7144'],
  ['5', 'yes', '244', '18'],
  ['6', 'yes', '210', '15'],
  ['7', 'yes', '287', '21'],
  ['8', 'yes', '534', '39'],
  ['9', 'yes', '345', '25'],
  ['10', 'yes', '260', '19'],
  ['11', 'yes', '285', '21'],
  ['12', 'yes', '186', '14'],
  ['13', 'yes', '402', '29'],
];
const dpvId = 'evolution/cma-es-double-pole';
const dpv = figuresOf(dpvId, file);
const dpvSummary = 'double pole with velocities: 9/10 solved; mean 306 evaluations over the solved (median 285, 186–534)';

/** The double-pole table without velocities (seed, solved, evaluations, generations, generalisation) of `bench/cma-es-double-pole-nv.ts 10 5 0.5 0 12000`. */
const dpnvRows: readonly (readonly [string, string, string, string, string])[] = [
  ['0', 'yes', '3195', '213', '369'],
  ['1', 'yes', '210', '14', '335'],
  ['2', 'no (budget)', '12000', '801', '-'],
  ['3', 'yes', '1470', '98', '339'],
  ['4', 'yes', '3615', '241', '370'],
  ['5', 'yes', '2490', '166', '329'],
  ['6', 'yes', '5895', '393', '208'],
  ['7', 'yes', '2460', '164', '279'],
  ['8', 'yes', '1125', '75', '309'],
  ['9', 'no (budget)', '12000', '801', '-'],
];
const dpnvId = 'evolution/cma-es-double-pole-nv';
const dpnv = figuresOf(dpnvId, file);

const visualId = 'evolution/hyperneat-visual';
const visual = figuresOf(visualId, file);
const visualRow = (what: string, hits: string, msd: string) => `| ${what} | ${hits} | ${msd} |`.replace(/ {2,}/g, ' ');
const mazeId = 'evolution/novelty-maze';
const maze = figuresOf(mazeId, file);

/** The "Measured" table: 10 seeds per problem, evaluation counts until f < 1e-8. */
export const evolutionRuns: readonly FigureRun[] = [
  {
    id: visualId,
    cwd: 'packages/evolution',
    command: tsx('bench/hyperneat-visual.ts'),
    env: { GENS: '100', POP: '150', SEEDS: '0', EPOCHS: '300' },
    speed: 'slow',
    minutes: 16,
    verified:
      '2026-12-08: measured at load average ~25–35, nice 10 (924 s for the evolution); the same numbers as a scratch run of the trainer earlier that night',
    figures: [
      visual(
        'hyperneat-accuracy',
        visualRow('HyperNEAT champion, 100 generations of 150 CPPNs', '**96.7 %**', '0.0013'),
        '96.7',
        capture(/HyperNEAT, 100 generations of 150 CPPNs \(\d+ s\): test accuracy ([\d.]+) %/),
      ),
      visual(
        'hyperneat-msd',
        visualRow('HyperNEAT champion, 100 generations of 150 CPPNs', '**96.7 %**', '0.0013'),
        '0.0013',
        capture(/HyperNEAT, 100 generations of 150 CPPNs \(\d+ s\): test accuracy [\d.]+ %, mean squared distance ([\d.]+)/),
      ),
      visual(
        'tuned-accuracy',
        visualRow('the champion + backprop from its weights (Adam 0.01, 300 epochs)', '91.5 %', '0.0034'),
        '91.5',
        capture(/backprop from the CPPN's weights, 300 epochs: test accuracy ([\d.]+) %/),
      ),
      visual(
        'tuned-msd',
        visualRow('the champion + backprop from its weights (Adam 0.01, 300 epochs)', '91.5 %', '0.0034'),
        '0.0034',
        capture(/backprop from the CPPN's weights, 300 epochs: test accuracy [\d.]+ %, mean squared distance ([\d.]+)/),
      ),
      visual(
        'scratch-accuracy',
        visualRow('backprop from a fresh initialisation (same settings)', '55.6 %', '0.0198'),
        '55.6',
        capture(/backprop from a fresh initialisation, 300 epochs: test accuracy ([\d.]+) %/),
      ),
      visual(
        'scratch-msd',
        visualRow('backprop from a fresh initialisation (same settings)', '55.6 %', '0.0198'),
        '0.0198',
        capture(/backprop from a fresh initialisation, 300 epochs: test accuracy [\d.]+ %, mean squared distance ([\d.]+)/),
      ),
    ],
  },
  {
    id: `${visualId}-seed-1`,
    cwd: 'packages/evolution',
    command: tsx('bench/hyperneat-visual.ts'),
    env: { GENS: '100', POP: '150', SEEDS: '1', EPOCHS: '300' },
    speed: 'slow',
    minutes: 8,
    verified: '2026-12-08: measured at load average ~6–20, nice 10 (316 s for the evolution)',
    figures: (
      [
        [
          'hyperneat',
          /HyperNEAT, 100 generations of 150 CPPNs \(\d+ s\): test accuracy ([\d.]+) %, mean squared distance ([\d.]+)/,
          '7.5',
          '0.1404',
        ],
        [
          'tuned',
          /backprop from the CPPN's weights, 300 epochs: test accuracy ([\d.]+) %, mean squared distance ([\d.]+)/,
          '46.2',
          '0.0690',
        ],
        [
          'scratch',
          /backprop from a fresh initialisation, 300 epochs: test accuracy ([\d.]+) %, mean squared distance ([\d.]+)/,
          '55.6',
          '0.0198',
        ],
      ] as const
    ).flatMap(([name, pattern, hits, msd]) => {
      const text = `${hits} %${name === 'hyperneat' ? '**' : ''} | ${msd} |`;
      return [
        figuresOf(`${visualId}-seed-1`, file)(`${name}-accuracy`, text, hits, capture(pattern)),
        figuresOf(`${visualId}-seed-1`, file)(`${name}-msd`, text, msd, capture(pattern, undefined, 2)),
      ];
    }),
  },
  {
    id: `${mazeId}-seed-0`,
    cwd: 'packages/evolution',
    command: tsx('bench/novelty-maze.ts'),
    env: { SEEDS: '1', METHODS: 'novelty', EVALS: '250000' },
    speed: 'slow',
    minutes: 110,
    verified: '2026-12-08: measured at load average ~25–40, nice 10 (22:30–00:10)',
    figures: [
      figuresOf(`${mazeId}-seed-0`, file)(
        'closest',
        '0: not solved (closest 9.2)',
        '9.2',
        capture(/^novelty seed 0: not solved in 250000 \(closest ([\d.]+)\)/m),
      ),
    ],
  },
  {
    id: `${mazeId}-fitness`,
    cwd: 'packages/evolution',
    command: tsx('bench/novelty-maze.ts'),
    env: { SEEDS: '3', METHODS: 'fitness', EVALS: '250000' },
    speed: 'slow',
    minutes: 10,
    verified: '2026-12-08: measured at load average ~2–6, nice 10',
    figures: [
      figuresOf(`${mazeId}-fitness`, file)(
        'seed-0-closest',
        '0, 1, 2: not solved (closest 38.9 each',
        '38.9',
        capture(/^fitness seed 0: not solved in 250000 \(closest ([\d.]+)\)/m),
      ),
      figuresOf(`${mazeId}-fitness`, file)(
        'seed-2-closest',
        '0, 1, 2: not solved (closest 38.9 each',
        '38.9',
        capture(/^fitness seed 2: not solved in 250000 \(closest ([\d.]+)\)/m),
      ),
    ],
  },
  {
    id: mazeId,
    cwd: 'packages/evolution',
    command: tsx('bench/novelty-maze.ts'),
    env: { FIRST: '1', SEEDS: '15', METHODS: 'novelty', EVALS: '250000' },
    speed: 'slow',
    minutes: 30,
    verified: '2026-12-08: measured at load average ~2–40, nice 10 (seeds 1–15 of a run of seeds 1–39 stopped at the cut-off)',
    figures: [
      maze('seed-1', `1: 7,589`, '7,589', capture(/^novelty seed 1: solved after (\d+) evaluations/m, thousands)),
      maze('seed-2', `2: 37,545`, '37,545', capture(/^novelty seed 2: solved after (\d+) evaluations/m, thousands)),
      maze('seed-4', `4: 3,859`, '3,859', capture(/^novelty seed 4: solved after (\d+) evaluations/m, thousands)),
      maze('seed-5', `5: 14,368`, '14,368', capture(/^novelty seed 5: solved after (\d+) evaluations/m, thousands)),
      maze('seed-6', `6: 24,572`, '24,572', capture(/^novelty seed 6: solved after (\d+) evaluations/m, thousands)),
      maze('seed-7', `7: 17,263`, '17,263', capture(/^novelty seed 7: solved after (\d+) evaluations/m, thousands)),
      maze('seed-8', `8: 5,945`, '5,945', capture(/^novelty seed 8: solved after (\d+) evaluations/m, thousands)),
      maze('seed-9', `9: 23,591`, '23,591', capture(/^novelty seed 9: solved after (\d+) evaluations/m, thousands)),
      maze('seed-3', '3: not solved (closest 38.9)', '38.9', capture(/^novelty seed 3: not solved in 250000 \(closest ([\d.]+)\)/m)),
      maze('seed-11', `11: 161,578`, '161,578', capture(/^novelty seed 11: solved after (\d+) evaluations/m, thousands)),
      maze('seed-12', `12: 13,687`, '13,687', capture(/^novelty seed 12: solved after (\d+) evaluations/m, thousands)),
      maze('seed-13', `13: 7,735`, '7,735', capture(/^novelty seed 13: solved after (\d+) evaluations/m, thousands)),
      maze('seed-14', `14: 23,004`, '23,004', capture(/^novelty seed 14: solved after (\d+) evaluations/m, thousands)),
      maze('seed-15', `15: 15,617`, '15,617', capture(/^novelty seed 15: solved after (\d+) evaluations/m, thousands)),
      maze('seed-10', '10: not solved (closest 10.7)', '10.7', capture(/^novelty seed 10: not solved in 250000 \(closest ([\d.]+)\)/m)),
    ],
  },
  {
    id: `${mazeId}-seeds-16-39`,
    cwd: 'packages/evolution',
    command: tsx('bench/novelty-maze.ts'),
    env: { FIRST: '16', SEEDS: '24', METHODS: 'novelty', EVALS: '250000' },
    speed: 'slow',
    minutes: 80,
    verified: '2026-12-08: measured at load average ~8–27, nice 10 (01:29–02:42, at the typed-array maze of 8b2d506)',
    figures: (() => {
      const m = figuresOf(`${mazeId}-seeds-16-39`, file);
      return [
        m('seed-16', '16: not solved (closest 23.2)', '23.2', capture(/^novelty seed 16: not solved in 250000 \(closest ([\d.]+)\)/m)),
        m('seed-17', `17: 10,032`, '10,032', capture(/^novelty seed 17: solved after (\d+) evaluations/m, thousands)),
        m('seed-18', `18: 8,131`, '8,131', capture(/^novelty seed 18: solved after (\d+) evaluations/m, thousands)),
        m('seed-19', `19: 8,054`, '8,054', capture(/^novelty seed 19: solved after (\d+) evaluations/m, thousands)),
        m('seed-20', `20: 8,104`, '8,104', capture(/^novelty seed 20: solved after (\d+) evaluations/m, thousands)),
        m('seed-21', `21: 6,301`, '6,301', capture(/^novelty seed 21: solved after (\d+) evaluations/m, thousands)),
        m('seed-22', `22: 7,013`, '7,013', capture(/^novelty seed 22: solved after (\d+) evaluations/m, thousands)),
        m('seed-23', `23: 41,591`, '41,591', capture(/^novelty seed 23: solved after (\d+) evaluations/m, thousands)),
        m('seed-24', `24: 11,386`, '11,386', capture(/^novelty seed 24: solved after (\d+) evaluations/m, thousands)),
        m('seed-25', `25: 120,649`, '120,649', capture(/^novelty seed 25: solved after (\d+) evaluations/m, thousands)),
        m('seed-26', '26: not solved (closest 7.3)', '7.3', capture(/^novelty seed 26: not solved in 250000 \(closest ([\d.]+)\)/m)),
        m('seed-27', `27: 40,090`, '40,090', capture(/^novelty seed 27: solved after (\d+) evaluations/m, thousands)),
        m('seed-28', `28: 29,735`, '29,735', capture(/^novelty seed 28: solved after (\d+) evaluations/m, thousands)),
        m('seed-29', `29: 5,440`, '5,440', capture(/^novelty seed 29: solved after (\d+) evaluations/m, thousands)),
        m('seed-30', '30: not solved (closest 5.9)', '5.9', capture(/^novelty seed 30: not solved in 250000 \(closest ([\d.]+)\)/m)),
        m('seed-31', `31: 11,157`, '11,157', capture(/^novelty seed 31: solved after (\d+) evaluations/m, thousands)),
        m('seed-32', `32: 11,891`, '11,891', capture(/^novelty seed 32: solved after (\d+) evaluations/m, thousands)),
        m('seed-33', `33: 12,250`, '12,250', capture(/^novelty seed 33: solved after (\d+) evaluations/m, thousands)),
        m('seed-34', '34: not solved (closest 9.6)', '9.6', capture(/^novelty seed 34: not solved in 250000 \(closest ([\d.]+)\)/m)),
        m('seed-35', `35: 6,528`, '6,528', capture(/^novelty seed 35: solved after (\d+) evaluations/m, thousands)),
        m('seed-36', `36: 15,496`, '15,496', capture(/^novelty seed 36: solved after (\d+) evaluations/m, thousands)),
        m('seed-37', `37: 19,459`, '19,459', capture(/^novelty seed 37: solved after (\d+) evaluations/m, thousands)),
        m('seed-38', `38: 22,851`, '22,851', capture(/^novelty seed 38: solved after (\d+) evaluations/m, thousands)),
        m('seed-39', `39: 11,182`, '11,182', capture(/^novelty seed 39: solved after (\d+) evaluations/m, thousands)),
      ];
    })(),
  },
  {
    id: dpnvId,
    cwd: 'packages/evolution',
    command: tsx('bench/cma-es-double-pole-nv.ts 10 5 0.5 0 12000'),
    speed: 'slow',
    minutes: 20,
    verified:
      '2026-12-08: measured as two chunks (seeds 0–1 with a 30,000 cap, both solved below 12,000; seeds 2–9 with `8 5 0.5 2 12000`) at load average 11–28, nice 10; seeds 2 and 9 took 12 and 5 min',
    figures: dpnvRows.flatMap((r) => {
      const text = `| ${r.join(' | ')} |`;
      return [
        dpnv(`seed-${r[0]}-solved`, text, r[1], cell(r[0], 1)),
        dpnv(`seed-${r[0]}-evaluations`, text, r[2], cell(r[0], 2)),
        dpnv(`seed-${r[0]}-generations`, text, r[3], cell(r[0], 3)),
        dpnv(`seed-${r[0]}-generalisation`, text, r[4], cell(r[0], 4)),
      ];
    }),
  },
  {
    id: `${mazeId}-fitness-3-13`,
    cwd: 'packages/evolution',
    command: tsx('bench/novelty-maze.ts'),
    env: { FIRST: '3', SEEDS: '11', METHODS: 'fitness', EVALS: '250000' },
    speed: 'slow',
    minutes: 30,
    verified: '2026-12-08: measured at load average ~2.5–11, nice 10 (02:43–03:11, a run of seeds 3–39 stopped at the cut-off)',
    figures: (() => {
      const m = figuresOf(`${mazeId}-fitness-3-13`, file);
      return [
        m(
          'seed-3-closest',
          '3–13: not solved (closest 38.9 each',
          '38.9',
          capture(/^fitness seed 3: not solved in 250000 \(closest ([\d.]+)\)/m),
        ),
        m(
          'seed-13-closest',
          '3–13: not solved (closest 38.9 each',
          '38.9',
          capture(/^fitness seed 13: not solved in 250000 \(closest ([\d.]+)\)/m),
        ),
      ];
    })(),
  },
  {
    id: dpvId,
    cwd: 'packages/evolution',
    command: tsx('bench/cma-es-double-pole.ts 10 5 nobias 0.5 4'),
    speed: 'slow',
    minutes: 20,
    verified:
      '2026-12-08: measured at load average ~35, nice 10 (seed 4, which spends the 100,000-evaluation cap, took 17 min; the others 6–13 s)',
    figures: [
      ...doublePoleRows.flatMap((r) => {
        const text = `| ${r.join(' | ')} |`;
        return [
          dpv(`seed-${r[0]}-solved`, text, r[1], cell(r[0], 1)),
          dpv(`seed-${r[0]}-evaluations`, text, r[2], cell(r[0], 2)),
          dpv(`seed-${r[0]}-generations`, text, r[3], cell(r[0], 3)),
        ];
      }),
      dpv('solved', dpvSummary, '9/10', capture(/double pole with velocities: (\d+\/\d+) solved/)),
      dpv('mean', dpvSummary, '306', capture(/mean (\d+) evaluations over the solved/)),
      dpv('median', dpvSummary, '285', capture(/\(median (\d+),/)),
    ],
  },
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
