/** `apps/arena/README.md`: the `control` suite at a reduced budget (20,000 environment steps, 5 seeds), read from the report it prints. */
import { ExtractError, derive } from '../extract.js';
import type { Figure, FigureRun } from '../types.js';
import { figuresOf } from './helpers.js';

const file = 'apps/arena/README.md';
const id = 'arena/control-small';
const fig = figuresOf(id, file);

const trainers = ['ppo', 'reinforce', 'cma-es', 'openai-es', 'ga', 'neat'] as const;

/** The README's rows: task id, its label, and per trainer [mean, std, p] as printed ('best' for the leader). */
const rows: readonly (readonly [string, string, readonly (readonly [string, string, string])[]])[] = [
  [
    'cart-pole',
    'CartPole-v1 (475)',
    [
      ['62.1', '43.5', '0.040'],
      ['160.2', '47.9', '0.667'],
      ['168.0', '156.7', '0.667'],
      ['95.0', '80.2', '0.381'],
      ['116.1', '117.6', '0.667'],
      ['251.9', '150.7', 'best'],
    ],
  ],
  [
    'acrobot',
    'Acrobot-v1 (−100)',
    [
      ['-199.7', '171.5', '0.421'],
      ['-387.6', '174.3', '0.172'],
      ['-334.5', '174.6', '0.228'],
      ['-368.7', '186.8', '0.228'],
      ['-322.7', '188.1', '0.228'],
      ['-123.7', '74.2', 'best'],
    ],
  ],
  [
    'pendulum',
    'Pendulum-v1 (−200)',
    [
      ['-1469.3', '146.3', '0.079'],
      ['-1207.4', '116.3', 'best'],
      ['-1213.8', '70.8', '1.000'],
      ['-1404.5', '262.2', '0.841'],
      ['-1410.3', '219.4', '0.452'],
      ['-1338.3', '57.1', '0.381'],
    ],
  ],
  [
    'double-pole',
    'double pole, 1,000 steps (1,000)',
    [
      ['36.2', '3.6', '0.058'],
      ['31.0', '1.2', '0.058'],
      ['55.4', '21.5', '0.690'],
      ['34.6', '12.9', '0.072'],
      ['14.6', '12.3', '0.058'],
      ['60.6', '20.3', 'best'],
    ],
  ],
  [
    'double-pole-nv',
    'double pole, no velocities (1,000)',
    [
      ['35.6', '1.5', '0.040'],
      ['31.0', '3.9', '0.040'],
      ['36.0', '7.2', '0.151'],
      ['15.8', '11.1', '0.040'],
      ['9.6', '4.0', '0.040'],
      ['49.2', '14.2', 'best'],
    ],
  ],
];

/** The README cell of one trainer: the leader in bold, the others with their p (a * below 0.05). */
const cellText = ([mean, std, p]: readonly [string, string, string]): string =>
  p === 'best' ? `**${mean} ± ${std}**` : `${mean} ± ${std}, p ${p}${Number(p) < 0.05 ? '*' : ''}`;

/** [mean, std, p] of `trainer` in the report's test-return table of `task` (mean and std to one decimal). */
function reportCell(output: string, task: string, trainer: string): [string, string, string] {
  const section = output.split(`### ${task} — test return`)[1]?.split('####')[0];
  if (section === undefined) throw new ExtractError(`no test-return table of '${task}' in the output`);
  for (const line of section.split('\n')) {
    const c = line
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((x) => x.trim());
    if (c[1] !== trainer) continue;
    const m = /^(-?[\d.]+) ± ([\d.]+)$/.exec(c[4] ?? '');
    if (m === null) throw new ExtractError(`no 'mean ± std' in the '${trainer}' row of '${task}'`);
    return [Number(m[1]).toFixed(1), Number(m[2]).toFixed(1), (c[10] ?? '').replace(' *', '')];
  }
  throw new ExtractError(`no '${trainer}' row in the test-return table of '${task}'`);
}

const figures: Figure[] = rows.flatMap(([task, label, cells]) => {
  const text = `| ${label} | ${cells.map(cellText).join(' | ')} |`;
  return trainers.flatMap((trainer, i) => {
    const [mean, std, p] = cells[i] as readonly [string, string, string];
    const read = (k: number) =>
      derive(`${task} / ${trainer} test return, ${['mean', 'std', 'p'][k]}`, (o) => reportCell(o, task, trainer)[k]);
    return [
      fig(`${task}-${trainer}-mean`, text, mean, read(0)),
      fig(`${task}-${trainer}-std`, text, std, read(1)),
      ...(p === 'best' ? [] : [fig(`${task}-${trainer}-p`, text, p, read(2))]),
    ];
  });
});

/** The reduced `control` run of the arena README. */
export const arenaRuns: readonly FigureRun[] = [
  {
    id,
    cwd: 'apps/arena',
    command:
      'node --conditions=@evoprop/source --import tsx src/cli.ts run control --seeds 5 --budget evaluations=2e4 --workers 1 --progress plain --no-html --out $FIGURES_TMP/control',
    speed: 'slow',
    minutes: 6,
    verified: '2026-12-08: measured at load average 27–28, nice 10 (150 runs, 6 min); the README table is its report',
    figures: [
      ...figures,
      fig(
        'runs',
        '150 runs, none failed',
        '150',
        derive('runs done', (o) => /arena: all (\d+) runs done, none failed/.exec(o)?.[1] ?? ''),
      ),
    ],
  },
];
