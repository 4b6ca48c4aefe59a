import type { Budget } from '@evoprop/core';

/**
 * How long one run may take when `--run-timeout` is not given, in seconds:
 * - the budget caps wall time: 10 × `wallSeconds` + 60 s;
 * - otherwise: one hour, or one second per 10 MFLOP of a larger FLOP cap (2e11 FLOPs: 20,000 s).
 * Generous on purpose: it exists to end runs that never end, not to cap slow ones.
 */
export function defaultRunTimeoutSeconds(budget: Budget): number {
  if (budget.wallSeconds !== undefined) return 10 * budget.wallSeconds + 60;
  return Math.max(3600, (budget.flops ?? 0) / 1e7);
}

/** The rule of {@link defaultRunTimeoutSeconds}, for help texts. */
export const runTimeoutRule =
  '10 × the budget’s wallSeconds + 60 s when it caps wall time, else 1 h (or 1 s per 10 MFLOP of a larger flops cap)';

/**
 * Parse a `--run-timeout` value: seconds (`600`, `90s`, `10m`, `2h`; > 0) or `none` for no limit
 * (returned as null). Returns undefined when the text is neither.
 */
export function parseRunTimeout(text: string): number | null | undefined {
  if (text.trim() === 'none') return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$/.exec(text);
  if (m === null) return undefined;
  const seconds = Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
  return seconds > 0 ? seconds : undefined;
}
