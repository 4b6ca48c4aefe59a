import type { Currency } from '../experiment/schema.js';
import { type RunTrace, hittingCost } from './runtimes.js';
import type { Ladder } from './targets.js';
import type { VegaLiteSpec } from './charts.js';

/** One step of an ECDF: the fraction of a trainer's (run, target) pairs reached by cost `x`. */
export type EcdfPoint = Readonly<{ trainer: string; x: number; fraction: number }>;

/** A task's runs with the ladder they are measured against. */
export type EcdfGroup = Readonly<{ ladder: Ladder; traces: readonly RunTrace[] }>;

/**
 * COCO's runtime ECDF (Hansen et al. 2021, COCO, Optim. Methods Softw. 36(1), §5.3; "data
 * profiles", Moré & Wild 2009): for each trainer, the fraction of all (run, target) pairs whose
 * target the run had reached by cost x — across one task's ladder, or across several tasks
 * (each task's runs against its own ladder). A step function, drawn on a log cost axis; each
 * trainer's line runs on to the most any of its runs spent, where it stops rising.
 */
export function ecdfPoints(groups: readonly EcdfGroup[], currency: Currency): EcdfPoint[] {
  const trainers = [...new Set(groups.flatMap((g) => g.traces.map((t) => t.trainer)))];
  const out: EcdfPoint[] = [];
  for (const trainer of trainers) {
    const hits: number[] = [];
    let pairs = 0;
    let end = 0;
    for (const g of groups) {
      for (const trace of g.traces) {
        if (trace.trainer !== trainer) continue;
        pairs += g.ladder.targets.length;
        end = Math.max(end, trace.total[currency] ?? 0);
        for (const t of g.ladder.targets) {
          const c = hittingCost(trace, g.ladder, t, currency);
          if (c !== null) hits.push(c);
        }
      }
    }
    if (pairs === 0) continue;
    hits.sort((a, b) => a - b);
    const positive = (x: number) => Math.max(x, Number.MIN_VALUE);
    for (let i = 0; i < hits.length; i++) {
      // One point per distinct cost: the count of hits at or below it.
      if (i + 1 < hits.length && hits[i + 1] === hits[i]) continue;
      out.push({ trainer, x: positive(hits[i] as number), fraction: (i + 1) / pairs });
    }
    const reached = hits.length / pairs;
    const last = out.at(-1);
    if (end > 0 && (last === undefined || last.trainer !== trainer || last.x < end)) out.push({ trainer, x: end, fraction: reached });
  }
  // Every line starts from 0 at the cheapest cost on the chart.
  const start = out.reduce((m, p) => Math.min(m, p.x), Number.POSITIVE_INFINITY);
  const firsts = trainers.flatMap((trainer) => (out.some((p) => p.trainer === trainer) ? [{ trainer, x: start, fraction: 0 }] : []));
  return [...firsts, ...out];
}

const currencyTitle: Readonly<Record<Currency, string>> = {
  flops: 'FLOPs',
  evaluations: 'evaluations',
  gradientSteps: 'gradient steps',
  epochs: 'epochs',
  generations: 'generations',
  wallSeconds: 'wall seconds',
};

/** The title of a currency in tables and axes. */
export const currencyName = (c: Currency): string => currencyTitle[c];

/** The ECDF as a Vega-Lite step chart, cost on a log axis. Null when nothing can be drawn. */
export function ecdfChart(points: readonly EcdfPoint[], currency: Currency): VegaLiteSpec | null {
  const values = points.filter((p) => p.x > 0 && Number.isFinite(p.x));
  if (values.length === 0) return null;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 420,
    height: 260,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, point: false },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative',
        title: `${currencyName(currency)} (log scale)`,
        scale: { type: 'log' },
        axis: { format: '.0e' },
      },
      y: {
        field: 'fraction',
        type: 'quantitative',
        title: 'fraction of (run, target) pairs reached',
        scale: { domain: [0, 1] },
      },
      color: { field: 'trainer', type: 'nominal', title: 'trainer' },
      tooltip: [{ field: 'trainer' }, { field: 'x', format: '.3s', title: currencyName(currency) }, { field: 'fraction', format: '.3f' }],
    },
  };
}
