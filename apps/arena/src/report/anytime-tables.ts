import type { AnytimeReport, AnytimeTask, RuntimeComparison } from './anytime-report.js';
import { currencyName } from './ecdf.js';
import { fmtCount, fmtP } from './format.js';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An ERT cell: the cost, ∞ when no run reached the target, and the share of runs that did when not all. */
function ertCell(ert: number | null, successes: number, runs: number): string {
  const value = ert === null ? '∞' : fmtCount(ert);
  return successes === runs ? value : `${value} (${successes}/${runs})`;
}

const ertNote = (currency: string): string =>
  `ERT (expected running time, in ${currency}): ${currency.startsWith('the ') ? currency : `the ${currency}`} spent by all runs (up to the hit, or all of it for runs that missed) divided by the runs that reached the target (Hansen et al., COCO, Optim. Methods Softw. 36(1), 2021); ∞: no run reached it; (k/n): runs that reached it when not all did.`;

function ertRows(t: AnytimeTask): { header: string[]; rows: string[][] } {
  const header = ['Trainer', ...t.labels];
  const rows = t.rows.map((r) => [
    `${r.trainer}${r.approximate ? ' ≈' : ''}`,
    ...r.ert.map((e, i) => ertCell(e, r.successes[i] ?? 0, r.runs)),
  ]);
  return { header, rows };
}

const markdownTable = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  `| ${header.join(' | ')} |`,
  `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];

/** A task's ERT table in markdown, naming its currency; empty when the task has no anytime view. */
export function ertMarkdown(report: AnytimeReport | undefined, task: string): string {
  const t = report?.tasks.find((x) => x.task === task);
  if (t === undefined) return '';
  const currency = currencyName(t.currency);
  if (!t.recorded) return `\n\nERT in ${currency}: not recorded by these runs (choose another --currency).`;
  const { header, rows } = ertRows(t);
  return [
    '',
    '',
    `#### ${task} — expected running time in ${currency} (ERT) to targets on ${t.metric}`,
    '',
    ...markdownTable(header, rows),
  ].join('\n');
}

function comparisonRow(c: RuntimeComparison): string[] {
  const winner = c.pHolm < 0.05 ? (c.better === 'trainer' ? c.trainer : c.better === 'against' ? c.against : '–') : 'no difference';
  return [
    c.task,
    `${c.trainer} vs ${c.against}`,
    c.label,
    `${c.successes[0]}/${c.runs[0]} vs ${c.successes[1]}/${c.runs[1]}`,
    `${c.ert[0] === null ? '∞' : fmtCount(c.ert[0])} vs ${c.ert[1] === null ? '∞' : fmtCount(c.ert[1])}`,
    String(c.u),
    fmtP(c.p),
    `${fmtP(c.pHolm)}${c.pHolm < 0.05 ? ' *' : ''}`,
    winner,
  ];
}

const comparisonHeader = (currency: string) => [
  'Task',
  'Comparison',
  'Target',
  'Reached',
  `ERT (${currency})`,
  'U',
  'p',
  'p (Holm)',
  'Faster (p < 0.05)',
];

const comparisonNote =
  "Runtime comparisons declared by the experiment: two-sided rank-sum (Mann-Whitney U) test on the cost to the target, runs that missed ranked after all that reached it and among themselves by their final value (COCO's rule), Holm-corrected over all the comparisons listed.";

/** The declared runtime comparisons and the anytime notes, in markdown; empty without an anytime view. */
export function anytimeNotesMarkdown(report: AnytimeReport | undefined): string {
  if (report === undefined || report.tasks.length === 0) return '';
  const lines: string[] = ['', ertNote('the named currency')];
  if (report.tasks.some((t) => t.rows.some((r) => r.approximate)))
    lines.push('≈: runs from a file written before anytime traces; their hitting costs are read off the downsampled curve (upper bounds).');
  if (report.comparisons.length > 0) {
    const currency = currencyName(report.comparisons[0]?.currency ?? 'flops');
    lines.push(
      '',
      `### Runtime comparisons (${currency})`,
      '',
      ...markdownTable(comparisonHeader(currency), report.comparisons.map(comparisonRow)),
      '',
      comparisonNote,
    );
  }
  return `${lines.join('\n')}\n`;
}

const htmlTable = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  `<table><thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n')}</tbody></table>`;

/** A task's ERT table in HTML with its currency in the caption; empty when the task has no anytime view. */
export function ertHtml(report: AnytimeReport | undefined, task: string): string {
  const t = report?.tasks.find((x) => x.task === task);
  if (t === undefined) return '';
  const currency = currencyName(t.currency);
  if (!t.recorded) return `<p>ERT in ${escapeHtml(currency)}: not recorded by these runs.</p>`;
  const { header, rows } = ertRows(t);
  return `<h3>Expected running time in ${escapeHtml(currency)} (ERT) to targets on ${escapeHtml(t.metric)}</h3>${htmlTable(header, rows)}`;
}

/** The runtime comparisons and the ERT note in HTML. */
export function anytimeNotesHtml(report: AnytimeReport | undefined): string {
  if (report === undefined || report.tasks.length === 0) return '';
  const parts = [`<p>${escapeHtml(ertNote('the named currency'))}</p>`];
  if (report.comparisons.length > 0) {
    const currency = currencyName(report.comparisons[0]?.currency ?? 'flops');
    parts.push(
      `<section id="comparisons"><h2>Runtime comparisons (${escapeHtml(currency)})</h2>${htmlTable(comparisonHeader(currency), report.comparisons.map(comparisonRow))}<p>${escapeHtml(comparisonNote)}</p></section>`,
    );
  }
  return parts.join('\n');
}
