import type { SearchPoint } from '@evoprop/core/config';
import type { Experiment } from '../experiment/experiment.js';
import type { RunRecord } from '../runner/record.js';
import { mean } from '../stats/summary.js';
import { type TuningOutcome, chooseTrial, tunedLabel } from '../tuning/plan.js';
import { fmtCount, fmtMetric } from './format.js';
import type { Summary } from './summarize.js';

/** One trainer's tuning on one task, as the report shows it. */
export type TuningRow = Readonly<{
  task: string;
  trainer: string;
  metric: string;
  /** Mean final metric on the evaluation seeds with the experiment's config, and with the chosen one. */
  defaultMean: number | null;
  tunedMean: number | null;
  /** The chosen trial and its search-space point (trial 0: the experiment's own config). */
  chosenTrial: number;
  chosenPoint: SearchPoint;
  /** Each trial's mean validation score on the tuning seeds. */
  trialScores: readonly (number | null)[];
  /** What the trials spent together (reported apart from the runs' own cost). */
  tuningCost: TuningOutcome['cost'];
  /** Mean FLOPs of a tuned run, and the same plus the whole tuning cost when `--charge-tuning` is on (else null). */
  tunedRunFlops: number | null;
  chargedFlops: number | null;
}>;

/** The tuning rows of an experiment run with `--tune` (empty otherwise). */
export function tuningSummary(experiment: Experiment, records: readonly RunRecord[], summary: Summary): TuningRow[] {
  if (experiment.tune === undefined) return [];
  const tune = experiment.tune;
  return experiment.tasks.flatMap((task) => {
    const t = summary.tasks.find((x) => x.task === task.label);
    return experiment.trainers.flatMap((trainer): TuningRow[] => {
      if (trainer.tuning === undefined) return [];
      const outcome = chooseTrial(task.label, trainer, records);
      if (outcome.cost.runs === 0) return [];
      const tuned = records.filter((r) => r.task === task.label && r.trainer === tunedLabel(trainer.label));
      const tunedRunFlops = tuned.length === 0 ? null : mean(tuned.map((r) => r.cost.flops));
      return [
        {
          task: task.label,
          trainer: trainer.label,
          metric: t?.metric ?? 'metric',
          defaultMean: t?.trainers.find((x) => x.trainer === trainer.label)?.mean ?? null,
          tunedMean: t?.trainers.find((x) => x.trainer === tunedLabel(trainer.label))?.mean ?? null,
          chosenTrial: outcome.chosen,
          chosenPoint: outcome.trials[outcome.chosen]?.point ?? {},
          trialScores: outcome.trials.map((x) => x.score),
          tuningCost: outcome.cost,
          tunedRunFlops,
          chargedFlops: tune.chargeTuning && tunedRunFlops !== null ? tunedRunFlops + outcome.cost.flops : null,
        },
      ];
    });
  });
}

/** `lr 0.0123, batchSize 32`, or `(defaults)` for trial 0. */
export function pointText(point: SearchPoint): string {
  const entries = Object.entries(point);
  if (entries.length === 0) return '(the experiment config)';
  return entries
    .map(([k, v]) => `${k.replace(/^(strategyConfig|neat|refinement)\./, '')} ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`)
    .join(', ');
}

const delta = (a: number | null, b: number | null): string => {
  if (a === null || b === null) return '–';
  const d = b - a;
  return `${d >= 0 ? '+' : ''}${d.toFixed(3)}`;
};

/** The tuning section of the markdown report: default beside tuned, the chosen configuration and what tuning cost. */
export function tuningMarkdown(rows: readonly TuningRow[], experiment: Experiment): string {
  const tune = experiment.tune;
  if (tune === undefined || rows.length === 0) return '';
  const charge = tune.chargeTuning;
  const lines = [
    '## Tuning',
    '',
    `Random search: ${tune.trials} trials per trainer and task (trial 0 = the experiment's config, the others seeded points of the trainer's search space), each run with the task's budget on tuning seeds ${tune.seeds.join(', ')} (disjoint from the evaluation seeds ${experiment.seeds.join(', ')}) and scored on the validation split; ties go to the trial that spent fewer FLOPs. The chosen configuration then ran on the evaluation seeds (\`+tuned\` rows above). Tuning cost is reported apart${charge ? '; with --charge-tuning the charged column adds it to each tuned run' : ' (--charge-tuning adds it to each tuned run)'}.`,
  ];
  for (const task of experiment.tasks) {
    const rs = rows.filter((r) => r.task === task.label);
    if (rs.length === 0) continue;
    lines.push(
      '',
      `### ${task.label} — test ${rs[0]?.metric ?? 'metric'}, default vs tuned`,
      '',
      `| Trainer | Default mean | Tuned mean | Δ | Chosen | Configuration | Trial scores (validation) | Tuning cost (FLOPs, runs) | FLOPs / tuned run${charge ? ' | Charged FLOPs / tuned run' : ''} |`,
      `|---|---:|---:|---:|---:|---|---|---:|---:|${charge ? '---:|' : ''}`,
    );
    for (const r of rs) {
      lines.push(
        `| ${r.trainer} | ${fmtMetric(r.defaultMean)} | ${fmtMetric(r.tunedMean)} | ${delta(r.defaultMean, r.tunedMean)} | trial ${r.chosenTrial} | ${pointText(r.chosenPoint)} | ${r.trialScores.map((s) => fmtMetric(s, 2)).join(' ')} | ${fmtCount(r.tuningCost.flops)} (${r.tuningCost.runs}) | ${fmtCount(r.tunedRunFlops)}${charge ? ` | ${fmtCount(r.chargedFlops)}` : ''} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const escapeText = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The tuning section of the HTML report: the same table as the markdown one, per task. */
export function tuningHtml(rows: readonly TuningRow[], experiment: Experiment): string {
  const tune = experiment.tune;
  if (tune === undefined || rows.length === 0) return '';
  const charge = tune.chargeTuning;
  const tables = experiment.tasks.flatMap((task) => {
    const rs = rows.filter((r) => r.task === task.label);
    if (rs.length === 0) return [];
    const body = rs
      .map((r) =>
        [
          r.trainer,
          fmtMetric(r.defaultMean),
          fmtMetric(r.tunedMean),
          delta(r.defaultMean, r.tunedMean),
          `trial ${r.chosenTrial}`,
          pointText(r.chosenPoint),
          r.trialScores.map((s) => fmtMetric(s, 2)).join(' '),
          `${fmtCount(r.tuningCost.flops)} (${r.tuningCost.runs})`,
          fmtCount(r.tunedRunFlops),
          ...(charge ? [fmtCount(r.chargedFlops)] : []),
        ]
          .map((c) => `<td>${escapeText(c)}</td>`)
          .join(''),
      )
      .map((cells) => `<tr>${cells}</tr>`)
      .join('');
    const head = [
      'Trainer',
      'Default mean',
      'Tuned mean',
      'Δ',
      'Chosen',
      'Configuration',
      'Trial scores (validation)',
      'Tuning cost (FLOPs, runs)',
      'FLOPs / tuned run',
      ...(charge ? ['Charged FLOPs / tuned run'] : []),
    ];
    return [
      `<h3>${escapeText(task.label)}</h3><table><thead><tr>${head.map((h) => `<th>${escapeText(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`,
    ];
  });
  return `<section><h2>Tuning</h2><p>Random search: ${tune.trials} trials per trainer and task on tuning seeds ${escapeText(tune.seeds.join(', '))}, scored on the validation split; the chosen configuration ran on the evaluation seeds (<code>+tuned</code> rows).</p>${tables.join('\n')}</section>`;
}
