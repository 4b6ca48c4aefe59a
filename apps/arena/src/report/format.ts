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
  // From 0.9995 of a unit on, three digits round up to `1.00` of it (999,999 → `1.00M`, not `1.00e+3k`).
  for (const [scale, unit] of units) if (Math.abs(v) >= scale * 0.9995) return `${(v / scale).toPrecision(3)}${unit}`;
  return String(Math.round(v));
}

export const fmtSeconds = (v: number | null | undefined): string =>
  v === null || v === undefined ? '–' : v < 10 ? `${v.toFixed(2)} s` : `${v.toFixed(1)} s`;

export function fmtP(p: number): string {
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

/** The budget currencies, in the order the reports and the progress lines name them. */
export const costCurrencies = ['flops', 'evaluations', 'gradientSteps', 'epochs', 'generations', 'wallSeconds'] as const;
/** One budget currency. */
export type CostCurrency = (typeof costCurrencies)[number];

/** A budget currency as a unit after its number: `2.00M FLOPs`, `300 generations`, `60 s wall time`. */
export const costUnits: Readonly<Record<CostCurrency, string>> = {
  flops: 'FLOPs',
  evaluations: 'evaluations',
  gradientSteps: 'gradient steps',
  epochs: 'epochs',
  generations: 'generations',
  wallSeconds: 's wall time',
};

/** `2.00M FLOPs`: a number with its currency's unit, as in the reports. */
export const fmtCost = (currency: CostCurrency, v: number): string => `${fmtCount(v)} ${costUnits[currency]}`;

/**
 * What a run spent against each capped currency of its budget, with units: `1.98M/2.00M FLOPs`,
 * `12/100 generations` (a budget without caps: the FLOPs spent).
 */
export function spentText(
  budget: Readonly<Partial<Record<CostCurrency, number>>>,
  cost: Readonly<Partial<Record<CostCurrency, number>>>,
): string {
  const capped = costCurrencies.filter((c) => typeof budget[c] === 'number');
  if (capped.length === 0) return fmtCost('flops', cost.flops ?? 0);
  // Wall time to a tenth of a second (a run of 0.4 s is not "0 s"); the other currencies as counts.
  const amount = (c: CostCurrency, v: number) => (c === 'wallSeconds' ? v.toFixed(1) : fmtCount(v));
  return capped.map((c) => `${amount(c, cost[c] ?? 0)}/${fmtCost(c, budget[c] as number)}`).join(', ');
}

/** The caps of a budget with units, `2.00M FLOPs, 100 generations`: what a progress bar's percentage is a share of. */
export const capsText = (budget: Readonly<Partial<Record<CostCurrency, number>>>): string =>
  costCurrencies
    .filter((c) => typeof budget[c] === 'number')
    .map((c) => fmtCost(c, budget[c] as number))
    .join(', ');
