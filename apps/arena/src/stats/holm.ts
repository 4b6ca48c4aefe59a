/**
 * Holm–Bonferroni adjusted p-values (Holm 1979, Scand. J. Statist. 6:65–70): sort ascending,
 * multiply the i-th smallest by (m − i), enforce monotonicity, cap at 1. Same as
 * statsmodels' `multipletests(p, method='holm')[1]`. Returned in the input order.
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
