// The runtime floor (issue #22): every package the arena installs — our own and every third-party
// one, all the way down — must accept the oldest Node the packages declare, or npm prints
// EBADENGINE on a fresh machine with that Node (vega-lite 6.5.0 declared Node ≥ 22).
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

type Manifest = {
  name: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

const arenaDir = fileURLToPath(new URL('..', import.meta.url));
const read = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** Where Node would find `name` from `from`: the nearest `node_modules/name` up the tree (real path). */
function locate(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

type Version = [number, number, number];
const parts = (v: string): (number | undefined)[] => v.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : undefined));
const cmp = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether `version` satisfies one comparator (`>=20`, `^20.19.0`, `20`, `10.*`, `~1.2`). */
function satisfiesOne(version: Version, comparator: string): boolean {
  const m = /^(>=|<=|>|<|=|\^|~)?v?(.*)$/.exec(comparator) as RegExpExecArray;
  const op = m[1] ?? '';
  const p = parts(m[2] as string);
  if (p[0] === undefined) return true; // '*', 'x'
  const lo: Version = [p[0], p[1] ?? 0, p[2] ?? 0];
  const c = cmp(version, lo);
  if (op === '>=') return c >= 0;
  if (op === '>') return c > 0;
  if (op === '<=') return c <= 0;
  if (op === '<') return c < 0;
  if (op === '^') return c >= 0 && version[0] === lo[0];
  if (op === '~') return c >= 0 && version[0] === lo[0] && (p[1] === undefined || version[1] === lo[1]);
  // '20', '10.*', '=20.1.0': every given part matches.
  return p.every((x, i) => x === undefined || x === version[i]);
}

/** npm's range semantics for the forms engines fields use: `a || b`, space-separated comparators. */
export function satisfies(version: string, range: string): boolean {
  const v = parts(version).map((x) => x ?? 0) as Version;
  return range.split('||').some((set) =>
    set
      .trim()
      .replace(/([<>=~^]+)\s+/g, '$1')
      .split(/\s+/)
      .filter((c) => c !== '')
      .every((c) => satisfiesOne(v, c)),
  );
}

describe('the runtime floor', () => {
  it('reads ranges as npm does', () => {
    expect(satisfies('20.19.0', '>=20')).toBe(true);
    expect(satisfies('20.19.0', '>=22')).toBe(false);
    expect(satisfies('20.19.0', '^20.19.0 || ^22.12.0 || >=23')).toBe(true);
    expect(satisfies('20.18.0', '^20.19.0 || >=22')).toBe(false);
    expect(satisfies('20.19.0', '18 || 20 || >=22')).toBe(true);
    expect(satisfies('20.19.0', '>= 0.4')).toBe(true);
    expect(satisfies('20.19.0', '6.* || 8.* || >= 10.*')).toBe(true);
  });

  it('every package the arena installs accepts the Node the arena declares', () => {
    const declared = read(arenaDir).engines?.node ?? '';
    const floor = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(declared)?.[1];
    expect(floor, `apps/arena engines.node '${declared}'`).toBeDefined();
    const version = (floor as string).split('.').concat(['0', '0']).slice(0, 3).join('.');
    const seen = new Set<string>();
    const bad: string[] = [];
    const visit = (dir: string): void => {
      if (seen.has(dir)) return;
      seen.add(dir);
      const m = read(dir);
      const range = m.engines?.node;
      if (range !== undefined && !satisfies(version, range)) bad.push(`${m.name}: engines.node '${range}'`);
      for (const name of Object.keys({ ...m.dependencies, ...m.optionalDependencies })) {
        const found = locate(name, dir);
        if (found !== undefined) visit(found);
      }
    };
    visit(arenaDir);
    expect(seen.size).toBeGreaterThan(20);
    expect(bad, `packages that reject Node ${version}`).toEqual([]);
  });
});
