/** `packages/rl/README.md`: PPO and REINFORCE on CartPole-v1, seeds 1–10 (environment steps to a mean return of 475). */
import { capture, cell } from '../extract.js';
import type { Figure, FigureRun } from '../types.js';
import { figuresOf, tsx } from './helpers.js';

const file = 'packages/rl/README.md';

/** The README's table rows: seed → [PPO steps, PPO return, REINFORCE steps, REINFORCE return]. */
const rows: readonly (readonly [string, string, string, string])[] = [
  ['14336', '500.0', '32071', '500.0'],
  ['7168', '498.4', '60298', '500.0'],
  ['27648', '499.3', '52475', '500.0'],
  ['10240', '500.0', '41536', '498.7'],
  ['17408', '496.4', '38334', '500.0'],
  ['18432', '500.0', '40014', '486.6'],
  ['2048', '493.3', '35454', '499.7'],
  ['18432', '490.9', '78790', '490.5'],
  ['5120', '497.8', '34536', '500.0'],
  ['19456', '498.9', '50443', '500.0'],
];

function seedFigures(runId: string, algorithm: 'ppo' | 'reinforce'): Figure[] {
  const fig = figuresOf(runId, file);
  const at = algorithm === 'ppo' ? 0 : 2;
  return rows.flatMap((r, i) => {
    const seed = String(i + 1);
    const text = `| ${seed} | ${r.join(' | ')} |`;
    return [fig(`seed-${seed}-steps`, text, r[at], cell(seed, 2)), fig(`seed-${seed}-return`, text, r[at + 1], cell(seed, 3))];
  });
}

const run = (algorithm: 'ppo' | 'reinforce', budget: string, minutes: number): FigureRun => {
  const id = `rl/cart-pole-${algorithm}`;
  const summary = `${algorithm}: 10/10 seeds reached 475 within ${budget} environment steps`;
  return {
    id,
    cwd: 'packages/rl',
    command: tsx(`scripts/cart-pole-seeds.ts ${algorithm} 1 10`),
    speed: 'slow',
    minutes,
    verified:
      algorithm === 'ppo'
        ? "2026-12-07: PPO re-run with SB3's orthogonal init (the new default), 21 min at load average 20–35, nice 10: the new PPO columns"
        : "2026-12-07/08: REINFORCE re-run with SB3's orthogonal init (the new default), 20 min at load average 30–38, nice 10: the new REINFORCE columns",
    figures: [
      ...seedFigures(id, algorithm),
      figuresOf(id, file)('solved', summary, '10/10', capture(new RegExp(`${algorithm}: (\\d+/\\d+) seeds reached`))),
    ],
  };
};

/** `pnpm seeds ppo` and `pnpm seeds reinforce` in packages/rl. */
export const rlRuns: readonly FigureRun[] = [run('ppo', '100000', 10), run('reinforce', '500000', 10)];

/** `scripts/zoo-seeds.ts`: PPO against the RL Zoo on Pendulum-v1 and Acrobot-v1 (environment steps to the Zoo's return). */
function zooRun(
  task: 'pendulum' | 'acrobot',
  rows: readonly (readonly [string, string, string, string])[],
  minutes: number,
  verified: string,
  variant: '' | '-glorot' = '',
): FigureRun {
  const id = `rl/zoo-${task}${variant}`;
  const fig = figuresOf(id, file);
  const zoo = task === 'pendulum' ? '-172.225' : '-73.506';
  return {
    id,
    cwd: 'packages/rl',
    command: tsx(`scripts/zoo-seeds.ts ${task}${variant} 1 ${rows.length}`),
    speed: 'slow',
    minutes,
    verified,
    figures: [
      ...rows.flatMap((r) => {
        const text = `| ${r.join(' | ')} |`;
        return [fig(`seed-${r[0]}-reached`, text, r[1], cell(r[0], 1)), fig(`seed-${r[0]}-steps`, text, r[2], cell(r[0], 2))];
      }),
      fig(
        'reached',
        `${task}: ${rows.filter((r) => r[1] === 'yes').length}/${rows.length} seeds reached`,
        `${rows.filter((r) => r[1] === 'yes').length}/${rows.length}`,
        capture(new RegExp(`${task}: (\\d+/\\d+) seeds reached ${zoo.replace('.', '\\.')}`)),
      ),
    ],
  };
}

/**
 * Pendulum-v1 or Acrobot-v1 with SB3's orthogonal init, seeds `first`–`last` of one run of
 * `zoo-seeds.ts TASK first last` (the seeds ran in parallel chunks): the per-seed rows only, the
 * README's count is over every chunk.
 */
function zooChunk(
  task: 'pendulum' | 'acrobot',
  first: number,
  last: number,
  rows: readonly (readonly [string, string, string, string])[],
  verified: string,
): FigureRun {
  const id = `rl/zoo-${task}-seeds-${first}-${last}`;
  const fig = figuresOf(id, file);
  return {
    id,
    cwd: 'packages/rl',
    command: tsx(`scripts/zoo-seeds.ts ${task} ${first} ${last}`),
    speed: 'slow',
    minutes: 20 * rows.length,
    verified,
    figures: rows.flatMap((r) => {
      const text = `| ${r.join(' | ')} |`;
      return [fig(`seed-${r[0]}-reached`, text, r[1], cell(r[0], 1)), fig(`seed-${r[0]}-steps`, text, r[2], cell(r[0], 2))];
    }),
  };
}

/** The Pendulum-v1 rows measured with the earlier Glorot init (seed, reached, environment steps, return). */
const pendulumRows: readonly (readonly [string, string, string, string])[] = [
  ['1', 'yes', '73728', '-172.2'],
  ['2', 'no', '196608', '-179.6'],
  ['3', 'no', '196608', '-190.7'],
  ['4', 'yes', '32768', '-169.2'],
  ['5', 'yes', '49152', '-170.0'],
  ['6', 'no', '196608', '-243.9'],
  ['7', 'yes', '40960', '-171.2'],
  ['8', 'yes', '24576', '-170.2'],
  ['9', 'no', '196608', '-212.4'],
  ['10', 'yes', '49152', '-170.1'],
];

/** Pendulum-v1 with the orthogonal init, by chunk: seed, reached, environment steps, return. */
const orthoPendulum: readonly (readonly [number, number, readonly (readonly [string, string, string, string])[]])[] = [
  [
    1,
    2,
    [
      ['1', 'yes', '40960', '-169.3'],
      ['2', 'no', '196608', '-180.9'],
    ],
  ],
  [
    3,
    4,
    [
      ['3', 'no', '196608', '-193.7'],
      ['4', 'yes', '57344', '-167.8'],
    ],
  ],
  [5, 5, [['5', 'yes', '24576', '-168.8']]],
  [
    6,
    8,
    [
      ['6', 'no', '196608', '-216.3'],
      ['7', 'yes', '24576', '-170.0'],
      ['8', 'yes', '24576', '-169.2'],
    ],
  ],
  [
    9,
    10,
    [
      ['9', 'no', '196608', '-303.5'],
      ['10', 'yes', '24576', '-171.4'],
    ],
  ],
];

/** `scripts/zoo-seeds.ts pendulum|acrobot` in packages/rl, as far as they were run. */
export const zooRuns: readonly FigureRun[] = [
  zooChunk(
    'acrobot',
    1,
    1,
    [['1', 'yes', '737280', '-73.5']],
    '2026-12-08: rerun at 19a55f7 (142 s at load average 2–4, two at a time); the values registered on 2026-12-07/08 were stale (f67340d also gives these), measured at an earlier commit of that session',
  ),
  zooChunk(
    'acrobot',
    2,
    2,
    [['2', 'yes', '770048', '-72.0']],
    '2026-12-08: rerun at 19a55f7 (140 s at load average 2–4, two at a time); the values registered on 2026-12-07/08 were stale (f67340d also gives these), measured at an earlier commit of that session',
  ),
  zooChunk(
    'acrobot',
    3,
    3,
    [['3', 'yes', '475136', '-72.7']],
    '2026-12-08: rerun at 19a55f7 (64 s at load average 2–4, two at a time); the values registered on 2026-12-07/08 were stale (f67340d also gives these), measured at an earlier commit of that session',
  ),
  zooChunk(
    'acrobot',
    4,
    4,
    [['4', 'yes', '573440', '-73.3']],
    '2026-12-08: rerun at 19a55f7 (76 s at load average 2–4, two at a time); the values registered on 2026-12-07/08 were stale (f67340d also gives these), measured at an earlier commit of that session',
  ),
  zooChunk(
    'acrobot',
    5,
    5,
    [['5', 'yes', '638976', '-72.2']],
    '2026-12-08: rerun at 19a55f7 (48 s at load average 2–4, two at a time); the values registered on 2026-12-07/08 were stale (f67340d also gives these), measured at an earlier commit of that session',
  ),
  zooChunk(
    'acrobot',
    6,
    8,
    [
      ['6', 'yes', '933888', '-71.5'],
      ['7', 'yes', '720896', '-70.0'],
      ['8', 'yes', '950272', '-71.7'],
    ],
    '2026-12-08: beside seeds 9–10 (188 s) at load average ≤ 3; rerun at 19a55f7, all match (250 s, load 2–4)',
  ),
  zooChunk(
    'acrobot',
    9,
    10,
    [
      ['9', 'yes', '671744', '-72.6'],
      ['10', 'yes', '671744', '-73.0'],
    ],
    '2026-12-08: beside seeds 6–8 (109 s) at load average ≤ 3; rerun at 19a55f7, all match (163 s, load 2–4)',
  ),
  ...orthoPendulum.map(([first, last, rows]) =>
    zooChunk(
      'pendulum',
      first,
      last,
      rows,
      '2026-12-07/08: measured in parallel chunks (seeds 1–2 and 3–4 as the first seeds of runs stopped later) at load average 30–38, nice 10',
    ),
  ),
  zooRun('pendulum', pendulumRows, 32, '2026-12-07: seeds 1–10 on two shared cores (load average 32 falling to 6), nice 10', '-glorot'),
  zooRun(
    'acrobot',
    [
      ['1', 'yes', '786432', '-73.0'],
      ['2', 'yes', '958464', '-73.3'],
      ['3', 'yes', '770048', '-72.2'],
      ['4', 'yes', '532480', '-73.5'],
      ['5', 'yes', '548864', '-73.3'],
      ['6', 'yes', '819200', '-73.2'],
      ['7', 'yes', '737280', '-73.3'],
      ['8', 'yes', '974848', '-73.2'],
      ['9', 'yes', '827392', '-73.2'],
      ['10', 'yes', '729088', '-73.1'],
    ],
    40,
    '2026-12-07: seed 1 alone, seeds 2–10 in one run, on two shared cores (load average ~32 for seed 1, 6–8 after), nice 10',
    '-glorot',
  ),
];
