import type { Budget } from '../contract/budget.js';
import type { Cost } from '../contract/cost.js';

/** The currencies a budget can cap, in the order `exhaustedBy` checks them. */
export const capKeys = ['flops', 'evaluations', 'gradientSteps', 'epochs', 'generations', 'wallSeconds'] as const;

/** What is left of each cap a budget sets (cap minus cost, ≤ 0 once spent); caps it does not set are absent. */
export type Remaining = Readonly<Partial<Record<(typeof capKeys)[number], number>>>;

/**
 * What `budget` leaves after `cost`, per capped currency: the one place a step can read how
 * much it may still spend.
 *
 * @example remainingOf({ flops: 1e6, epochs: 10 }, cost) // { flops: 1e6 - cost.flops, epochs: 10 - cost.epochs }
 */
export function remainingOf(budget: Budget, cost: Cost): Remaining {
  const left: Partial<Record<(typeof capKeys)[number], number>> = {};
  for (const key of capKeys) {
    const cap = budget[key];
    if (cap !== undefined) left[key] = cap - cost[key];
  }
  return left;
}

/** One currency a budget can cap. */
export type CapKey = (typeof capKeys)[number];
