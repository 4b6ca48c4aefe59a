/** Number formatting for tables: metrics to 3 decimals, costs in engineering notation. */

export const fmtMetric = (v: number | null | undefined, digits = 3): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);

export function fmtCount(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [scale, unit] of units) if (Math.abs(v) >= scale) return `${(v / scale).toPrecision(3)}${unit}`;
  return String(Math.round(v));
}

export const fmtSeconds = (v: number | null | undefined): string =>
  v === null || v === undefined ? '–' : v < 10 ? `${v.toFixed(2)} s` : `${v.toFixed(1)} s`;

export function fmtP(p: number): string {
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}
