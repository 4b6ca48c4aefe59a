/** Edit distance (insertions, deletions, substitutions and swaps of two neighbours), case-insensitive, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => (d[i] as number[])[j] as number;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(x.length, y.length);
}

/** Whether `short` is `long` with letters left out, starting with the same letter (`popSize` of `populationSize`, `lr` of `learningRate`). */
function abbreviates(short: string, long: string): boolean {
  const s = short.toLowerCase();
  const l = long.toLowerCase();
  if (s.length < 2 || s.length >= l.length || s[0] !== l[0]) return false;
  let i = 0;
  for (const ch of l) if (ch === s[i]) i++;
  return i === s.length;
}

/**
 * The valid names that may be what `value` meant: those at most max(1, ⌊|value|/3⌋) edits away,
 * closest first, and those it abbreviates; at most three. A short name is closer to its
 * abbreviation than to a near spelling (`lr`: `learningRate` before `l2`), so abbreviations come
 * first when `value` has at most three letters, after the near spellings otherwise.
 *
 * @example
 * closeMatches('treshold', ['threshold', 'c1']); // ['threshold']
 * closeMatches('popSize', ['populationSize', 'sigma']); // ['populationSize']
 * closeMatches('lr', ['l2', 'learningRate']); // ['learningRate', 'l2']
 */
export function closeMatches(value: string, valid: readonly string[]): string[] {
  const limit = Math.max(1, Math.floor(value.length / 3));
  const scored = valid.map((v) => ({ v, d: editDistance(v, value) }));
  const near = scored.filter(({ d }) => d <= limit).sort((a, b) => a.d - b.d || (a.v < b.v ? -1 : a.v > b.v ? 1 : 0));
  const short = scored.filter(({ v, d }) => d > limit && abbreviates(value, v)).sort((a, b) => a.v.length - b.v.length);
  const ordered = value.length <= 3 ? [...short, ...near] : near.length > 0 ? near : short;
  return ordered.slice(0, 3).map(({ v }) => v);
}

/** `" did you mean 'x' or 'y'?"`, or `''` when nothing is close. */
export function didYouMean(value: string, valid: readonly string[]): string {
  const close = closeMatches(value, valid);
  return close.length === 0 ? '' : ` did you mean ${close.map((c) => `'${c}'`).join(' or ')}?`;
}

/**
 * One line for a name that is not one of the valid ones, with the close ones and every valid one.
 *
 * @example
 * unknownChoice('task', 'spiral', ['xor', 'spirals']); // "unknown task 'spiral'; did you mean 'spirals'? valid: spirals, xor"
 */
export function unknownChoice(kind: string, value: string, valid: readonly string[]): string {
  const sorted = [...valid].sort();
  return `unknown ${kind} '${value}';${didYouMean(value, sorted)} valid: ${sorted.join(', ') || '(none)'}`;
}
