import type { AnytimeReport } from './anytime-report.js';
import { anytimeNotesMarkdown, ertMarkdown } from './anytime-tables.js';
import type { Summary, TaskSummary } from './summarize.js';
import { type CostCurrency, costUnits, fmtCount, fmtMetric, fmtP, fmtSeconds } from './format.js';

export const budgetText = (b: Summary['budget']): string =>
  Object.entries(b)
    .map(([k, v]) =>
      typeof v === 'object' && v !== null
        ? `target ${(v as { metric: string }).metric} ${(v as { direction?: string }).direction === 'min' ? '≤' : '≥'} ${(v as { value: number }).value}`
        : `${fmtCount(v as number)} ${costUnits[k as CostCurrency] ?? k}`,
    )
    .join(', ');

/** `22`, or `9–31` where the runs' models differ in size (NEAT). */
export const paramsText = (p: TaskSummary['trainers'][number]['parameters']): string =>
  p === null ? '–' : p.min === p.max ? String(p.min) : `${p.min}–${p.max}`;

function taskTable(t: TaskSummary): string {
  const target =
    t.target === null ? 'no target' : `target ${t.target.metric} ${t.target.direction === 'max' ? '≥' : '≤'} ${t.target.value}`;
  const lines = [
    `### ${t.task} — test ${t.metric} (${t.direction === 'max' ? 'higher' : 'lower'} is better; ${target}; budget ${budgetText(t.budget)})`,
    '',
    `| Rank | Trainer | Params | Success | ${t.metric} mean ± std | Median | 95 % CI (bootstrap) | FLOPs to target | Evals to target | Wall to target | p vs best (MWU, Holm) |`,
    '|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|',
  ];
  for (const r of [...t.trainers].sort((a, b) => a.rank - b.rank)) {
    const success = r.successRate === null ? '–' : `${Math.round(r.successRate * 100)} % (${Math.round(r.successRate * r.runs)}/${r.runs})`;
    const failed = `${r.failed > 0 ? ` ⚠ ${r.failed} failed` : ''}${r.overBudget > 0 ? ` ⚠ ${r.overBudget} over budget` : ''}`;
    const vs = r.best ? 'best' : r.vsBest === null ? '–' : `${fmtP(r.vsBest.pHolm)}${r.vsBest.pHolm < 0.05 ? ' *' : ''}`;
    lines.push(
      `| ${r.rank} | ${r.trainer}${failed} | ${paramsText(r.parameters)} | ${success} | ${r.mean === null ? '–' : `${fmtMetric(r.mean)} ± ${fmtMetric(r.std)}`} | ${fmtMetric(r.median)} | ${r.ci === null ? '–' : `[${fmtMetric(r.ci[0])}, ${fmtMetric(r.ci[1])}]`} | ${fmtCount(r.toTarget.flops)} | ${fmtCount(r.toTarget.evaluations)} | ${fmtSeconds(r.toTarget.wallSeconds)} | ${vs} |`,
    );
  }
  const failures = t.trainers.flatMap((r) => r.failures.map((f) => `- ${r.trainer} seed ${f.seed}: ${f.status} — ${f.reason}`));
  if (failures.length > 0) lines.push('', 'Failed runs:', ...failures);
  const sampled = t.trainers.filter((r) => r.samples !== undefined);
  if (sampled.length > 0) {
    lines.push('', 'Sampled at temperature 0.8 (lowest seed):', ...sampled.map((r) => `- ${r.trainer}: ${r.samples?.join(', ')}`));
  }
  return lines.join('\n');
}

/** The report as markdown: one table per task, then notes. */
export function markdownReport(s: Summary, anytime?: AnytimeReport): string {
  const head = [
    `## Arena: ${s.experiment}`,
    '',
    ...(s.description !== undefined ? [s.description, ''] : []),
    `${s.tasks.every((t) => JSON.stringify(t.budget) === JSON.stringify(s.budget)) ? `Budget per run: ${budgetText(s.budget)}.` : 'Each task has its own budget, the same for every trainer.'} ${s.complete ? `${s.runs} runs.` : `**Incomplete**: not all of the ${s.runs} runs have finished (resume with --resume).`}`,
    '',
  ];
  const notes = [
    '',
    "Params: parameters of the returned model (each fixed-topology trainer gets the task's recommended network unless the experiment sets one). Success: the model the run returned meets the target on held-out data (validation split, held-out episodes or the objective), evaluated by the arena; the metric columns show the test split. ⚠ over budget: runs that spent anything beyond a cap (caps are exact). Cost to target: median over the successful runs of the cost when the returned model first met the target on held-out data (the whole run's cost when the trainer reported no held-out value on the way). p: two-sided Mann-Whitney U of each trainer against the best (by mean), Holm-corrected within the task; * marks p < 0.05.",
    ...(s.skipped.length > 0 ? ['', `Not run: ${s.skipped.join('; ')}.`] : []),
  ];
  const tables = s.tasks.map((t) => `${taskTable(t)}${ertMarkdown(anytime, t.task)}`).join('\n\n');
  return `${[...head, tables, ...notes].join('\n')}\n${anytimeNotesMarkdown(anytime)}`;
}
