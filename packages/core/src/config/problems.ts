import type { z } from 'zod';
import { exampleValue } from './example-value.js';
import { closeMatches } from './suggest.js';
import { keysAt, schemaAt, valueAt } from './schema-walk.js';

/** One thing wrong with a config: where (a path from the config's root), what was expected there and what was found. */
export type ConfigProblem = Readonly<{
  /** Keys and indices from the root of the config to the offending value (an unknown key's own name last). */
  path: readonly PropertyKey[];
  /** What was expected there, e.g. `a number > 0` or `one of the keys a, b, c`. */
  expected: string;
  /** What was found, e.g. `-1`, `unknown key 'lr' (did you mean 'learningRate'?)`, `nothing (missing key 'lr'; suggested: 0.1)`. */
  actual: string;
}>;

/** Options of {@link configProblems}. */
export type ProblemOptions = Readonly<{
  /** A complete config (a preset) whose value at a missing key's path is the suggestion; else one is derived from the schema. */
  suggestions?: unknown;
}>;

/** A value in a message: JSON, cut at 80 characters; typed arrays as their length. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  try {
    const s = JSON.stringify(value);
    if (s === undefined) return String(value);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(value);
  }
}

/** A path as written in a config: `trainers[0].config.optimizer.lr`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

type Issue = z.core.$ZodIssue;

/** zod's `Invalid input: expected number, received string` → `number`; `Too small: expected number to be >0` → `a number >0`. */
function expectedOf(issue: Issue): string {
  const m = issue.message;
  const small = /^Too (?:small|big): expected (\w+) to (?:be|have) (.*)$/.exec(m);
  if (small !== null) return `${small[1] === 'array' || small[1] === 'string' ? `an ${small[1]}` : `a ${small[1]}`} ${small[2]}`;
  return m
    .replace(/^Invalid input: expected /, '')
    .replace(/, received \w+$/, '')
    .replace(/^Invalid option: expected /, '');
}

/** The problems behind zod issues, each naming its path, what was expected and what was found; unknown keys with "did you mean". */
export function configProblems(schema: z.ZodType, input: unknown, issues: readonly Issue[], options: ProblemOptions = {}): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const visit = (issue: Issue, prefix: readonly PropertyKey[]): void => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const valid = keysAt(schema, path, input);
      for (const key of issue.keys) {
        const close = closeMatches(key, valid);
        out.push({
          path: [...path, key],
          expected: `one of the keys ${[...valid].sort().join(', ') || '(none)'}`,
          actual: `unknown key '${key}'${close.length > 0 ? ` (did you mean ${close.map((c) => `'${c}'`).join(' or ')}?)` : ''}`,
        });
      }
      return;
    }
    if (issue.code === 'invalid_union') {
      // The branch that got furthest (the object form when an object was given) says the most.
      const branches = issue.errors.filter((b) => b.length > 0);
      const depth = (b: readonly Issue[]) =>
        b.reduce((d, i) => Math.max(d, i.path.length + (i.code === 'unrecognized_keys' ? 1 : 0)), Number.NEGATIVE_INFINITY);
      const best = [...branches].sort((a, b) => depth(b) - depth(a))[0];
      if (best !== undefined && depth(best) > 0) {
        for (const i of best) visit(i, path);
        return;
      }
    }
    const actual = valueAt(input, path);
    const parent = valueAt(input, path.slice(0, -1));
    const missing =
      actual === undefined && path.length > 0 && parent !== null && typeof parent === 'object' && !(String(path.at(-1)) in parent);
    if (missing) {
      const at = schemaAt(schema, path, input);
      const said = issue.code === 'custom' ? (issue.params as { actual?: unknown } | undefined)?.actual : undefined;
      if (typeof said === 'string') {
        // A check that describes what it found itself (e.g. a model too large for memory).
        out.push({ path, expected: issue.message, actual: said });
        return;
      }
      const preset = valueAt(options.suggestions, path);
      const example = preset !== undefined ? preset : at === undefined ? undefined : exampleValue(at);
      out.push({
        path,
        expected: expectedOf(issue),
        actual: `nothing (missing key '${String(path.at(-1))}'${example !== undefined ? `; suggested: ${describeValue(example)}` : ''})`,
      });
      return;
    }
    const said = issue.code === 'custom' ? (issue.params as { actual?: unknown } | undefined)?.actual : undefined;
    if (typeof said === 'string') {
      // A check that describes what it found itself (e.g. a model too large for memory).
      out.push({ path, expected: issue.message, actual: said });
      return;
    }
    const preset = valueAt(options.suggestions, path);
    const hint = preset !== undefined && (preset === null || typeof preset !== 'object') ? ` (suggested: ${describeValue(preset)})` : '';
    out.push({ path, expected: expectedOf(issue), actual: `${describeValue(actual)}${hint}` });
  };
  for (const issue of issues) visit(issue, []);
  // A misspelt key is also a missing one: name the unknown key (the cause) first.
  const unknown = (p: ConfigProblem) => (p.actual.startsWith('unknown key') ? 0 : 1);
  return out
    .map((p, i) => ({ p, i }))
    .sort((a, b) => unknown(a.p) - unknown(b.p) || a.i - b.i)
    .map(({ p }) => p);
}
