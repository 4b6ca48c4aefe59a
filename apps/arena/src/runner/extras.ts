/** Largest `extras` kept in a results line; beyond it only scalar fields survive. */
const MAX_EXTRAS_CHARS = 50_000;

function stripClock(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripClock);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'wallSeconds') out[k] = stripClock(v);
  return out;
}

/**
 * `FitResult.extras` made fit for a results file: JSON-only, without a whole trainer checkpoint
 * (state for resuming training, not for reports), and without wall-clock fields, which would make
 * two runs of the same experiment differ. Oversized extras keep only their scalar fields.
 */
export function sanitizeExtras(extras: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> | null {
  if (extras === undefined) return null;
  const { checkpoint: _checkpoint, ...rest } = JSON.parse(JSON.stringify(extras)) as Record<string, unknown>;
  const clean = stripClock(rest) as Record<string, unknown>;
  if (JSON.stringify(clean).length <= MAX_EXTRAS_CHARS) return clean;
  const scalars = Object.fromEntries(Object.entries(clean).filter(([, v]) => v === null || typeof v !== 'object'));
  return { ...scalars, truncated: true };
}
