import type { Currency } from '../experiment/schema.js';
import type { ResultsContent } from '../runner/results-file.js';
import { type AnytimeReport, anytimeReport } from './anytime-report.js';
import { type Chart, taskCharts } from './charts.js';
import { currencyName, ecdfChart } from './ecdf.js';
import { type Figure, htmlReport } from './html.js';
import { markdownReport } from './markdown.js';
import { type Summary, summarize } from './summarize.js';
import { topologyFigures } from './topologies.js';
import { tuningHtml, tuningMarkdown, tuningSummary } from './tuning.js';

export type Reports = Readonly<{
  summary: Summary;
  /** ERT tables, ECDFs and runtime comparisons (also in `json` under `anytime`). */
  anytime: AnytimeReport;
  markdown: string;
  json: string;
  charts: readonly Chart[];
  figures: readonly Figure[];
  html: string;
}>;

/** Options of {@link buildReports}. */
export type ReportOptions = Readonly<{
  /** The currency of ERT tables, ECDFs and runtime comparisons; default: each task's budget currency. */
  currency?: Currency;
}>;

/** {@link ReportOptions} for an optional currency (`exactOptionalPropertyTypes` keeps `undefined` out of the object). */
export const currencyOption = (currency: Currency | undefined): ReportOptions => (currency === undefined ? {} : { currency });

/** The id under which the ECDF over all tasks of one currency is charted (not a task label: those cannot contain '/'). */
export const allTasks = 'all/tasks';

/** Every report of a results file. Deterministic: the same records give the same bytes (timing columns aside). */
export async function buildReports(content: ResultsContent, options: ReportOptions = {}): Promise<Reports> {
  const summary = summarize(content.header, content.records);
  // Tuning trials ran on tuning seeds and are scored on validation: they are not part of the comparison.
  const evaluated = content.records.filter((r) => r.tuning?.role !== 'trial');
  const anytime = anytimeReport(content.header, evaluated, options.currency ?? null);
  const ecdfCharts = (task: string): Chart[] => {
    const a = anytime.tasks.find((t) => t.task === task);
    const spec = a === undefined ? null : ecdfChart(a.ecdf, a.currency);
    return spec === null || a === undefined
      ? []
      : [{ id: `${task}-ecdf`, task, title: `runtime ECDF in ${currencyName(a.currency)}: ${a.ladder} (${a.metric})`, spec }];
  };
  const overall = anytime.overall.flatMap((o): Chart[] => {
    const spec = ecdfChart(o.ecdf, o.currency);
    return spec === null
      ? []
      : [
          {
            id: `all-ecdf-${o.currency}`,
            task: allTasks,
            title: `runtime ECDF in ${currencyName(o.currency)} over every target of ${o.tasks.join(', ')}`,
            spec,
          },
        ];
  });
  const charts = [
    ...overall,
    ...summary.tasks.flatMap((t) => [
      ...ecdfCharts(t.task),
      ...taskCharts(
        t.task,
        evaluated.filter((r) => r.task === t.task),
      ),
    ]),
  ];
  const figures = await topologyFigures(evaluated);
  const tuning = tuningSummary(content.header.experiment, content.records, summary);
  return {
    summary,
    anytime,
    markdown: `${markdownReport(summary, anytime)}${tuning.length > 0 ? `\n${tuningMarkdown(tuning, content.header.experiment)}` : ''}`,
    json: `${JSON.stringify({ ...summary, anytime, ...(tuning.length > 0 ? { tuning } : {}) }, null, 2)}\n`,
    charts,
    figures,
    html: htmlReport(summary, charts, figures, anytime, tuningHtml(tuning, content.header.experiment)),
  };
}
