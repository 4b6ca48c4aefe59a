/** Shared helpers of the hybrid benches: statistics and a plain-text table. */
import type { FitResult } from '@evoprop/core';

export const mean = (xs: readonly number[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
export const sd = (xs: readonly number[]): number => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};
export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const k = Math.floor(s.length / 2);
  return s.length % 2 ? (s[k] as number) : ((s[k - 1] as number) + (s[k] as number)) / 2;
};

/** FLOPs spent when a history metric first reached `value`, or null. */
export function flopsTo(result: FitResult, metric: string, value: number): number | null {
  const e = result.history.find((h) => (h.metrics[metric] ?? Number.NEGATIVE_INFINITY) >= value);
  return e === undefined ? null : e.cost.flops;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export const env = (name: string, fallback: number): number => (process.env[name] === undefined ? fallback : Number(process.env[name]));
export const fmt = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : '—');
export const mflops = (x: number): string => (Number.isFinite(x) ? `${(x / 1e6).toFixed(0)}M` : '—');
