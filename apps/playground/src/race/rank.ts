import type { StrategyOutcome } from './run-strategy.js';

/**
 * The race's order: strategies that reached the target first, by FLOPs to target (ties by wall time);
 * then the rest by final test accuracy; failures last.
 */
export function rank(outcomes: readonly StrategyOutcome[]): StrategyOutcome[] {
  const group = (o: StrategyOutcome) => (o.status === 'reached-target' ? 0 : o.status === 'budget-exhausted' ? 1 : 2);
  return [...outcomes].sort(
    (a, b) =>
      group(a) - group(b) ||
      (a.flopsToTarget ?? 0) - (b.flopsToTarget ?? 0) ||
      (b.final?.testAccuracy ?? 0) - (a.final?.testAccuracy ?? 0) ||
      (a.wallMsToTarget ?? 0) - (b.wallMsToTarget ?? 0),
  );
}
