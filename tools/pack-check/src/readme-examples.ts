import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One TypeScript example of a README or guide: where it is, its code and the packages it imports. */
export type ReadmeExample = Readonly<{
  /** The markdown file, relative to the repository root. */
  doc: string;
  /** The line of the opening fence. */
  line: number;
  /** The code as written. */
  code: string;
  /** A file name for it: `packages-core-README-72.ts`. */
  file: string;
  /** Bare module specifiers it imports (`@evoprop/core`, `zod`, `node:fs`). */
  imports: readonly string[];
  /** False for a `ts slow` block (minutes of training) or a `ts compile-only` one (it needs other machines): compiled, not run here. */
  run: boolean;
}>;

/**
 * Info strings of fences that are examples: `ts`, `ts runnable`, `ts slow`, `ts compile-only`. A
 * `ts fragment` is an excerpt, not a program (an interface sketch, a vitest test file), and is skipped.
 */
const fence = /^```(?:ts|typescript)( runnable| slow| compile-only)?[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;

/** Every `ts` / `ts runnable` block of one markdown text. */
export function examplesOf(doc: string, markdown: string): ReadmeExample[] {
  const out: ReadmeExample[] = [];
  for (let m = fence.exec(markdown); m !== null; m = fence.exec(markdown)) {
    const line = markdown.slice(0, m.index).split('\n').length;
    const code = m[2] as string;
    const imports = [...code.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/gm)].map(
      (i) => (i[1] ?? i[2]) as string,
    );
    out.push({
      doc,
      line,
      code,
      file: `${doc.replace(/\.md$/, '').replace(/\W+/g, '-')}-${line}.ts`,
      imports: [...new Set(imports)],
      run: m[1] !== ' slow' && m[1] !== ' compile-only',
    });
  }
  return out;
}

/** The markdown files whose examples a user copies: every package's README (and those beside its sources) and the guides. */
export function readmeFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'README.md') found.push(relative(root, path));
    }
  };
  for (const base of ['packages', 'apps', 'examples']) if (existsSync(join(root, base))) walk(join(root, base));
  const guides = existsSync(join(root, 'docs'))
    ? readdirSync(join(root, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`)
    : [];
  return ['README.md', ...found.sort(), ...guides.sort()];
}

/** Every example of every README and guide, in file order. */
export const readmeExamples = (root: string): ReadmeExample[] =>
  readmeFiles(root).flatMap((doc) => examplesOf(doc, readFileSync(join(root, doc), 'utf8')));

/** The examples a user of the published packages can run: every import is one of `packages` or a third-party name. */
export function publishedExamples(all: readonly ReadmeExample[], packages: readonly string[]): ReadmeExample[] {
  const ours = (spec: string): boolean => spec.startsWith('@evoprop/');
  const published = (spec: string): boolean => packages.some((p) => spec === p || spec.startsWith(`${p}/`));
  return all.filter((e) => e.imports.some(ours) && e.imports.every((i) => !ours(i) || published(i)));
}
