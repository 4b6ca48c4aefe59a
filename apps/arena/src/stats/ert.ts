/**
 * Expected running time (Hansen et al. 2021, "COCO: a platform for comparing continuous
 * optimizers in a black-box setting", Optim. Methods Softw. 36(1), §5.2; first as ENES in Price
 * 1997 and as "success performance" SP1 in Auger & Hansen 2005): the total cost spent by all
 * runs — up to the hit for runs that reached the target, everything for runs that did not —
 * divided by the number of runs that reached it. It estimates the cost of reaching the target
 * with independent restarts of the algorithm; ∞ when no run reached it.
 */
export type RunOutcome = Readonly<{
  /** Cost when the target was first reached, or null if never. */
  hit: number | null;
  /** Cost of the whole run. */
  total: number;
}>;

/** ERT = Σ (hit ?? total) / #hits; Infinity without a hit, NaN without runs. */
export function expectedRunningTime(runs: readonly RunOutcome[]): number {
  if (runs.length === 0) return Number.NaN;
  let spent = 0;
  let successes = 0;
  for (const r of runs) {
    spent += r.hit ?? r.total;
    if (r.hit !== null) successes++;
  }
  return successes === 0 ? Number.POSITIVE_INFINITY : spent / successes;
}
