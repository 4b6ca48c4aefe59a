import type { RunRecord } from '../runner/record.js';
import { quantile } from '../stats/summary.js';

export type BandPoint = Readonly<{ trainer: string; x: number; median: number; q1: number; q3: number; n: number }>;

/** A run's curve as (x, value) pairs along `axis`. Wall time comes from the timing block. */
function series(r: RunRecord, axis: 'flops' | 'wallSeconds'): [number, number][] {
  return r.curve.flatMap((p, i) => {
    const x = axis === 'flops' ? p.flops : r.timing.curveWallSeconds[i];
    return p.value === null || x === undefined ? [] : [[x, p.value] as [number, number]];
  });
}

/**
 * Median and inter-quartile band across seeds, per trainer, on a shared grid of `points` x values.
 * Each run contributes its last value at or before x (a step function), so runs logged at different
 * costs line up.
 */
export function curveBands(records: readonly RunRecord[], axis: 'flops' | 'wallSeconds', points = 40): BandPoint[] {
  const runs = records
    .filter((r) => r.ok)
    .map((r) => ({ trainer: r.trainer, s: series(r, axis) }))
    .filter((r) => r.s.length > 0);
  const maxX = Math.max(0, ...runs.map((r) => (r.s[r.s.length - 1] as [number, number])[0]));
  if (runs.length === 0 || maxX <= 0) return [];
  const out: BandPoint[] = [];
  const trainers = [...new Set(runs.map((r) => r.trainer))];
  for (const trainer of trainers) {
    const mine = runs.filter((r) => r.trainer === trainer);
    for (let g = 1; g <= points; g++) {
      const x = (maxX * g) / points;
      const values = mine.flatMap((r) => {
        let v: number | null = null;
        for (const [px, pv] of r.s) {
          if (px > x) break;
          v = pv;
        }
        // A run that stopped early (target reached) holds its last value.
        return v === null ? [] : [v];
      });
      if (values.length === 0) continue;
      out.push({ trainer, x, median: quantile(values, 0.5), q1: quantile(values, 0.25), q3: quantile(values, 0.75), n: values.length });
    }
  }
  return out;
}
