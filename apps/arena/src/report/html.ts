import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnytimeReport } from './anytime-report.js';
import { anytimeNotesHtml, ertHtml } from './anytime-tables.js';
import type { Chart } from './charts.js';
import { fmtCount, fmtMetric, fmtP, fmtSeconds } from './format.js';
import { budgetText, paramsText } from './markdown.js';
import { samplesHtml } from './samples-html.js';
import type { Summary } from './summarize.js';

export type Figure = Readonly<{ task: string; title: string; svg: string }>;

/** The browser builds of vega, vega-lite and vega-embed, read from node_modules to inline (no CDN: the report opens offline). */
function bundle(pkg: 'vega' | 'vega-lite' | 'vega-embed', file: string): string {
  const dir = dirname(fileURLToPath(import.meta.resolve(pkg)));
  return readFileSync(join(dir, file), 'utf8');
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Inline-script safe: no `</script>` can end the tag early. */
const scriptSafe = (s: string): string => s.replace(/<\/(script)/gi, '<\\/$1');
const jsonForScript = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

function summaryTables(s: Summary): string {
  return s.tasks
    .map((t) => {
      const rows = [...t.trainers]
        .sort((a, b) => a.rank - b.rank)
        .map((r) => {
          const success = r.successRate === null ? '–' : `${Math.round(r.successRate * 100)} %`;
          const vs = r.best ? 'best' : r.vsBest === null ? '–' : `${fmtP(r.vsBest.pHolm)}${r.vsBest.pHolm < 0.05 ? ' *' : ''}`;
          const cells = [
            String(r.rank),
            `${escapeHtml(r.trainer)}${r.overBudget > 0 ? ` <span class="warn" title="spent beyond the budget cap (caps are exact)">⚠ ${r.overBudget} over budget</span>` : ''}${r.failed > 0 ? ` <span class="warn" title="${escapeHtml(r.failures.map((f) => `seed ${f.seed}: ${f.reason}`).join('\n'))}">⚠ ${r.failed} failed</span>` : ''}`,
            paramsText(r.parameters),
            success,
            r.mean === null ? '–' : `${fmtMetric(r.mean)} ± ${fmtMetric(r.std)}`,
            fmtMetric(r.median),
            r.ci === null ? '–' : `[${fmtMetric(r.ci[0])}, ${fmtMetric(r.ci[1])}]`,
            fmtCount(r.toTarget.flops),
            fmtCount(r.toTarget.evaluations),
            fmtSeconds(r.toTarget.wallSeconds),
            vs,
          ];
          return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
        })
        .join('\n');
      return `<table><thead><tr><th>Rank</th><th>Trainer</th><th>Params</th><th>Success</th><th>${escapeHtml(t.metric)} mean ± std</th><th>Median</th><th>95 % CI</th><th>FLOPs to target</th><th>Evals to target</th><th>Wall to target</th><th>p vs best (Holm)</th></tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join('\n');
}

/**
 * One self-contained HTML file: tables, Vega-Lite charts (libraries inlined) and static SVG figures.
 * When every chart has rendered, `document.body.dataset.charts` is set to `rendered`
 * (or `failed`), which the browser test waits for. `extra` is HTML placed after the task sections (the tuning section).
 */
export function htmlReport(
  summary: Summary,
  charts: readonly Chart[],
  figures: readonly Figure[] = [],
  anytime?: AnytimeReport,
  extra = '',
): string {
  const chartFigure = (c: Chart): string =>
    `<figure><figcaption>${escapeHtml(c.title)}</figcaption><div class="chart" id="${escapeHtml(c.id)}"></div></figure>`;
  const overall = charts.filter((c) => !summary.tasks.some((t) => t.task === c.task));
  const sections = summary.tasks
    .map((t) => {
      const mine = charts.filter((c) => c.task === t.task);
      const figs = figures.filter((f) => f.task === t.task);
      const table = summaryTables({ ...summary, tasks: [t] });
      return `<section><h2>${escapeHtml(t.task)}</h2><p>Test ${escapeHtml(t.metric)}, ${t.direction === 'max' ? 'higher' : 'lower'} is better; ${t.target === null ? 'no target' : `target ${escapeHtml(t.target.metric)} ${t.target.direction === 'max' ? '≥' : '≤'} ${t.target.value}`}; budget per run ${escapeHtml(budgetText(t.budget))}.</p>${table}${ertHtml(anytime, t.task)}
<div class="grid">${mine.map(chartFigure).join('\n')}</div>
${samplesHtml(t)}
${figs.length > 0 ? `<h3>NEAT topologies</h3><div class="grid">${figs.map((f) => `<figure class="topology"><figcaption>${escapeHtml(f.title)}</figcaption>${f.svg}</figure>`).join('\n')}</div>` : ''}
</section>`;
    })
    .join('\n');
  const specs = Object.fromEntries(charts.map((c) => [c.id, c.spec]));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>evoprop arena — ${escapeHtml(summary.experiment)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1400px}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
td:nth-child(2),th:nth-child(2){text-align:left}.warn{color:#b45309}
.grid{display:flex;flex-wrap:wrap;gap:1.5rem}figure{margin:0}figcaption{font-weight:600;margin-bottom:.25rem}
.topology svg{max-width:320px;height:auto;border:1px solid #eee}
img.reconstructions{image-rendering:pixelated;border:1px solid #eee}.samples li{margin:.2rem 0}
</style></head>
<body data-charts="pending">
<h1>evoprop arena: ${escapeHtml(summary.experiment)}</h1>
${summary.description !== undefined ? `<p>${escapeHtml(summary.description)}</p>` : ''}
<p>${summary.complete ? `${summary.runs} runs.` : `<strong>Incomplete</strong>: not every one of the ${summary.runs} runs has finished.`}
${summary.skipped.length > 0 ? ` Not run: ${escapeHtml(summary.skipped.join('; '))}.` : ''}</p>
<p>p: two-sided Mann-Whitney U against the best trainer, Holm-corrected; * marks p &lt; 0.05. Cost to target: median over runs that reached it.</p>
${overall.length > 0 ? `<section><h2>All tasks</h2><div class="grid">${overall.map(chartFigure).join('\n')}</div></section>` : ''}
${anytimeNotesHtml(anytime)}
${sections}
${extra}
<script>${scriptSafe(bundle('vega', 'vega.min.js'))}</script>
<script>${scriptSafe(bundle('vega-lite', 'vega-lite.min.js'))}</script>
<script>${scriptSafe(bundle('vega-embed', 'vega-embed.min.js'))}</script>
<script>
const specs = ${jsonForScript(specs)};
Promise.all(Object.entries(specs).map(([id, spec]) => vegaEmbed('#' + CSS.escape(id), spec, { renderer: 'svg', actions: false })))
  .then(() => { document.body.dataset.charts = 'rendered'; })
  .catch((e) => { document.body.dataset.charts = 'failed'; console.error('chart failed to render:', e); });
</script>
</body></html>
`;
}
