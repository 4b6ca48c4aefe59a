import type { ResultsContent } from '../runner/results-file.js';
import { type Chart, taskCharts } from './charts.js';
import { type Figure, htmlReport } from './html.js';
import { markdownReport } from './markdown.js';
import { type Summary, summarize } from './summarize.js';
import { topologyFigures } from './topologies.js';

export type Reports = Readonly<{
  summary: Summary;
  markdown: string;
  json: string;
  charts: readonly Chart[];
  figures: readonly Figure[];
  html: string;
}>;

/** Every report of a results file. Deterministic: the same records give the same bytes (timing columns aside). */
export async function buildReports(content: ResultsContent): Promise<Reports> {
  const summary = summarize(content.header, content.records);
  const charts = summary.tasks.flatMap((t) =>
    taskCharts(
      t.task,
      content.records.filter((r) => r.task === t.task),
    ),
  );
  const figures = await topologyFigures(content.records);
  return {
    summary,
    markdown: markdownReport(summary),
    json: `${JSON.stringify(summary, null, 2)}\n`,
    charts,
    figures,
    html: htmlReport(summary, charts, figures),
  };
}
