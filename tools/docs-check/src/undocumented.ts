/** One symbol TypeDoc's not-documented validation reported. */
export type Undocumented = Readonly<{
  /** The reflection path, e.g. `@evoprop/core.Budget.__type.flops`. */
  symbol: string;
  /** TypeDoc's kind, e.g. `Property` or `CallSignature`. */
  kind: string;
  /** The package whose source declares it, e.g. `@evoprop/core` (what needs the comment). */
  definedIn: string;
  /** The declaring file inside that package, e.g. `src/contract/budget.ts`. */
  file: string;
}>;

// "[warning] @evoprop/x.Foo.bar (Property), defined in @evoprop/x/src/foo.ts, does not have any documentation"
const LINE = /(\S+) \(([A-Za-z]+)\), defined in (@[\w-]+\/[\w-]+|[^/,\s]+)\/([^,]+), does not have any documentation/;

/** A terminal colour code (ESC [ … m); built from the character code, as a regex literal may not hold control characters. */
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The not-documented warnings in TypeDoc's output (colour codes allowed), in output order. */
export function parseUndocumented(output: string): Undocumented[] {
  const found: Undocumented[] = [];
  for (const raw of output.split('\n')) {
    const m = LINE.exec(raw.replace(COLOUR, ''));
    if (m !== null) found.push({ symbol: m[1] as string, kind: m[2] as string, definedIn: m[3] as string, file: m[4] as string });
  }
  return found;
}

/** How many undocumented symbols each package declares, most first: what to fix where. */
export function countByPackage(found: readonly Undocumented[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const u of found) counts.set(u.definedIn, (counts.get(u.definedIn) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
