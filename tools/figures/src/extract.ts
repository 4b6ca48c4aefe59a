/** Extractors: small readers that pull one value, formatted as the README writes it, out of a command's output. */
import type { Extractor } from './types.js';

/** The output does not hold what an extractor looks for. */
export class ExtractError extends Error {
  override readonly name = 'ExtractError';
}

/** Formats a captured string the way the README writes it. */
export type Format = (captured: string) => string;

/** Leaves the captured text as it is. */
export const asIs: Format = (s) => s;

/** `4722` → `4,722`; `114306` → `114,306` (English thousands separators; numbers below 10,000 keep them too). */
export const thousands: Format = (s) => {
  const n = Number(s);
  if (!Number.isFinite(n)) throw new ExtractError(`expected a number to format with thousands separators, got '${s}'`);
  return n.toLocaleString('en-US', { maximumFractionDigits: 20 });
};

/** `11906M` → `11.9` (million FLOPs printed by the hybrid benches, in G with one decimal). */
export const megaToGiga: Format = (s) => {
  const m = /^([\d.]+)M$/.exec(s.trim());
  if (m === null) throw new ExtractError(`expected FLOPs written as '<n>M', got '${s}'`);
  return (Number(m[1]) / 1000).toFixed(1);
};

/** `[ 240, 2 ]` → `[240, 2]` (Node's inspect spacing to the README's). */
export const tightBrackets: Format = (s) => s.replace(/\[\s+/g, '[').replace(/\s+\]/g, ']');

/** The `group`-th capture of the first match of `pattern`, formatted. */
export function capture(pattern: RegExp, format: Format = asIs, group = 1): Extractor {
  return {
    describe: `${pattern}${group === 1 ? '' : ` group ${group}`}${format === asIs ? '' : `, ${format.name || 'formatted'}`}`,
    read: (output) => {
      const m = pattern.exec(output);
      const value = m?.[group];
      if (value === undefined) throw new ExtractError(`no match for ${pattern} in the output`);
      return format(value.trim());
    },
  };
}

/** The cells of the Markdown table line whose cell `labelColumn` (default the first) is `label` (after trimming), or throws. */
export function tableRow(output: string, label: string, labelColumn = 0): string[] {
  for (const line of output.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('|')) continue;
    const cells = t
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((c) => c.trim());
    if (cells[labelColumn] === label) return cells;
  }
  throw new ExtractError(`no table row labelled '${label}' in the output`);
}

/** Column `column` (0 = the first) of the Markdown table row whose cell `labelColumn` is `label`, formatted. */
export function cell(label: string, column: number, format: Format = asIs, labelColumn = 0): Extractor {
  return {
    describe: `table row '${label}', column ${column}${format === asIs ? '' : `, ${format.name || 'formatted'}`}`,
    read: (output) => {
      const value = tableRow(output, label, labelColumn)[column];
      if (value === undefined) throw new ExtractError(`table row '${label}' has no column ${column}`);
      return format(value);
    },
  };
}

/** A custom reader, for values derived from several lines (per-seed aggregates). */
export function derive(describe: string, read: (output: string) => string): Extractor {
  return { describe, read };
}

/** Every match of `pattern` (which must have the `g` flag), as arrays of its captures. */
export function allMatches(output: string, pattern: RegExp): string[][] {
  if (!pattern.global) throw new ExtractError(`allMatches needs a global pattern, got ${pattern}`);
  return [...output.matchAll(pattern)].map((m) => m.slice(1).map((g) => g ?? ''));
}

/** Arithmetic mean; NaN for no values. */
export const mean = (xs: readonly number[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Median (the mean of the two middle values for an even count); NaN for no values. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 === 1 ? (s[k] as number) : ((s[k - 1] as number) + (s[k] as number)) / 2;
}

/** Standard deviation with the population (n) or sample (n − 1) denominator. */
export function sd(xs: readonly number[], denominator: 'population' | 'sample'): number {
  const m = mean(xs);
  const d = denominator === 'population' ? xs.length : xs.length - 1;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / d);
}
