/** An experiment definition is invalid. `problems` lists each one as `path: what is wrong (valid choices)`. */
export class ExperimentError extends Error {
  override name = 'ExperimentError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: invalid experiment\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

/** "unknown task 'spiral'; did you mean 'spirals'? valid: circles, spirals, xor" */
export function unknownChoice(kind: string, value: string, valid: readonly string[]): string {
  const sorted = [...valid].sort();
  const close = sorted.filter((v) => distance(v, value) <= Math.max(2, Math.floor(value.length / 3)));
  const hint = close.length > 0 ? ` did you mean ${close.map((c) => `'${c}'`).join(' or ')}?` : '';
  return `unknown ${kind} '${value}';${hint} valid: ${sorted.join(', ') || '(none registered)'}`;
}
