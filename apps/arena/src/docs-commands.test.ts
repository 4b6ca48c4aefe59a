// Every shell command in every README and guide (```sh blocks), executed or checked (issue #22,
// item 5): arena commands run in this process with one seed, a 1e5-FLOP budget and a temporary
// output folder (flags after the documented ones override them); a command that takes minutes or
// needs what a test does not have (a registry, a Redis server, a browser) is in `slow` with the
// reason and checked to parse: its scripts, packages, files and flags exist. A command that is
// neither fails the test, naming the file and line.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main, withDefaultCommand } from './cli/main.js';
import { runHelp } from './cli/run-command.js';
import { workerHelp } from './cli/worker-command.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'arena-doc-commands-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The READMEs and guides: every *.md outside node_modules, build output, changesets and changelogs. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory())
      return ['node_modules', 'dist', '.changeset', '.git', 'generated', 'test-results'].includes(e.name) || e.name.startsWith('.')
        ? []
        : markdownFiles(path);
    return e.name.endsWith('.md') && e.name !== 'CHANGELOG.md' ? [path] : [];
  });
}

type Line = Readonly<{ line: number; text: string; steps: readonly (readonly string[])[] }>;
/** One ```sh block: its lines run in order, in one shell (a `cd` holds for the lines after it). */
type Block = Readonly<{ doc: string; line: number; lines: readonly Line[] }>;

/** Words of one shell command: quotes group, `#` starts a comment. */
function words(line: string): string[] {
  const out: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '"' || c === "'") {
      const end = line.indexOf(c, i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === ' ' || c === '\t') {
      if (word !== null) out.push(word);
      word = null;
    } else if (c === '#' && word === null) break;
    else word = (word ?? '') + c;
  }
  if (word !== null) out.push(word);
  return out;
}

/** Every ```sh block: continuation lines joined, `&&` chains split into steps. */
function blocksOf(doc: string, markdown: string): Block[] {
  const out: Block[] = [];
  const fence = /^```(?:sh|bash|shell)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (let m = fence.exec(markdown); m !== null; m = fence.exec(markdown)) {
    const first = markdown.slice(0, m.index).split('\n').length + 1;
    const raw = (m[1] as string).split('\n');
    const lines: Line[] = [];
    for (let i = 0; i < raw.length; i++) {
      const line = i + first;
      let text = raw[i] as string;
      while (text.trimEnd().endsWith('\\') && i + 1 < raw.length) text = `${text.trimEnd().slice(0, -1)} ${raw[++i]}`;
      const all = words(text);
      if (all.length === 0) continue;
      const steps: string[][] = [[]];
      for (const w of all) w === '&&' ? steps.push([]) : steps.at(-1)?.push(w);
      lines.push({ line, text: text.replace(/\s+#.*$/, '').trim(), steps });
    }
    out.push({ doc, line: first - 1, lines });
  }
  return out;
}

const docs = markdownFiles(root).map((path) => relative(root, path));
const blocks = docs.flatMap((doc) => blocksOf(doc, readFileSync(join(root, doc), 'utf8')));

const json = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const rootScripts = json(join(root, 'package.json')).scripts as Record<string, string>;
/** The workspace's packages by name: folder, scripts, version, private. */
const workspace = new Map(
  ['packages', 'apps', 'examples', 'tools'].flatMap((group) =>
    readdirSync(join(root, group))
      .filter((d) => existsSync(join(root, group, d, 'package.json')))
      .map((d) => {
        const pkg = json(join(root, group, d, 'package.json'));
        return [
          pkg.name as string,
          {
            dir: join(root, group, d),
            scripts: (pkg.scripts ?? {}) as Record<string, string>,
            version: pkg.version as string,
            private: pkg.private === true,
          },
        ] as const;
      }),
  ),
);
const figuresCli = readFileSync(join(root, 'tools/figures/src/cli.ts'), 'utf8');

/** The documented command without its runner: `pnpm arena x`, `npx -y pnpm@12.4.2 arena x`, `evoprop-arena x` → arena's argv. */
function arenaArgs(step: readonly string[]): string[] | undefined {
  let w = [...step];
  if (w[0] === 'npx' && w[1] === '-y' && w[2]?.startsWith('pnpm@')) w = ['pnpm', ...w.slice(3)];
  if (w[0] === 'pnpm' && w[1] === 'arena') return [...withDefaultCommand(w.slice(2))];
  if (w[0] === 'evoprop-arena') return w.slice(1);
  return undefined;
}

/** Placeholders of the guides (a plugin of yours), replaced by the example plugin that is one. */
const placeholders: Readonly<Record<string, readonly string[]>> = {
  './my-plugin.ts': ['./examples/custom-trainer/src/index.ts'],
  '@acme/evoprop-trainers': [],
  'adam,my-trainer': ['adam,one-fifth-es'],
};

/** Flags of a pnpm / npx / npm step and the checks it gets instead of a run: minutes long, or needing a registry, Redis or a browser. */
const slow: readonly Readonly<{ match: RegExp; why: string; check: (step: readonly string[], cwd: string) => void }>[] = [
  {
    match: /^npm install @evoprop\//,
    why: 'installs from the npm registry (tools/pack-check installs the packed tarballs on every run)',
    check: (step) => {
      for (const name of step.slice(2)) {
        expect(workspace.has(name), `${name} is a package of this repository`).toBe(true);
        expect(workspace.get(name)?.private, `${name} is published (not private)`).toBe(false);
      }
    },
  },
  {
    match: /^npm install \/\S+\.tgz/,
    why: 'installs packed tarballs into your project (tools/pack-check does it on every run)',
    check: (step) => {
      for (const tarball of step.slice(2)) {
        const file = tarball.split('/').at(-1) as string;
        const pkg = [...workspace].find(([name, p]) => `${name.slice(1).replace('/', '-')}-${p.version}.tgz` === file);
        expect(pkg, `${file} is the tarball name (scope-name-version.tgz) of a package at its current version`).toBeDefined();
      }
    },
  },
  {
    match: /^pnpm (install|test|build|playground|figures|-r)\b/,
    why: 'installs, builds, packs, serves or runs whole suites (minutes; CI runs them itself)',
    check: (step) => {
      const [, command, ...rest] = step;
      if (command === '-r') expect(step).toContain('pack');
      else if (command !== 'install') expect(rootScripts[command as string], `root script '${command}'`).toBeDefined();
      if (command === 'figures') for (const flag of rest.filter((w) => w.startsWith('--'))) expect(figuresCli).toContain(`'${flag}'`);
    },
  },
  {
    match: /^pnpm --filter \S+ \S+/,
    why: "a package's benchmark, pretraining or build (minutes each)",
    check: (step) => {
      const pkg = workspace.get(step[2] as string);
      expect(pkg, `package ${step[2]}`).toBeDefined();
      expect(pkg?.scripts[step[3] as string], `script '${step[3]}' of ${step[2]}`).toBeDefined();
    },
  },
  {
    match: /^(npx vitest run|npx tsc --noEmit|npm run \S+)/,
    why: "a package's own test suite or type check (CI runs it)",
    check: (step, cwd) => {
      if (step[1] === 'vitest') expect(readdirSync(cwd).some((f) => f.startsWith('vitest.config.'))).toBe(true);
      else if (step[1] === 'tsc') expect(existsSync(join(cwd, 'tsconfig.json'))).toBe(true);
      else expect((json(join(cwd, 'package.json')).scripts as Record<string, string>)[step[2] as string]).toBeDefined();
    },
  },
];

/** An arena command that needs a Redis server: checked to parse (every flag is one its command documents). */
function checkQueueCommand(args: readonly string[]): void {
  const text = args[0] === 'worker' ? workerHelp : runHelp;
  for (const flag of args.filter((w) => w.startsWith('--'))) expect(text, `${args[0]} ${flag}`).toContain(`${flag} `);
}

/** One seed, a 1e5-FLOP budget, the main thread and a fresh output folder; the HTML report only where the block opens one. */
async function runArena(args: readonly string[], html: boolean): Promise<{ code: number; out: string; err: string; dir: string }> {
  let out = '';
  let err = '';
  const dir = mkdtempSync(join(scratch, 'run-'));
  // A placeholder replaced by nothing takes its flag with it (`--plugin @acme/evoprop-trainers`).
  const argv = args
    .flatMap((a, i) => (placeholders[args[i + 1] as string]?.length === 0 ? [] : (placeholders[a] ?? [a])))
    .map((a) => (a.startsWith('./') ? resolve(root, a) : a));
  const tiny =
    argv[0] === 'run'
      ? ['--seeds', '1', '--budget', 'flops=1e5', '--workers', '0', '--progress', 'plain', '--out', dir, ...(html ? [] : ['--no-html'])]
      : [];
  const code = await main([...argv, ...tiny], {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err, dir };
}

describe('shell commands in the READMEs and guides', () => {
  it('finds the blocks', () => {
    expect(docs).toContain('apps/arena/README.md');
    expect(blocks.flatMap((b) => b.lines).filter((l) => l.steps.some((s) => arenaArgs(s) !== undefined)).length).toBeGreaterThanOrEqual(6);
  });

  it.each(blocks.map((b) => [`${b.doc}:${b.line} ${b.lines.map((l) => l.text).join('; ')}`, b] as const))('%s', async (_name, b) => {
    let cwd = root;
    let lastRun: { dir: string; name: string } | undefined;
    for (const [c, step] of b.lines.flatMap((l) => l.steps.map((s) => [l, s] as const))) {
      const where = `${b.doc}:${c.line}: ${step.join(' ')}`;
      const args = arenaArgs(step);
      if (step[0] === 'cd') {
        const dir = step[1] as string;
        // `cd ~/my-project`: the reader's own project, nothing here to check.
        if (!dir.startsWith('~')) {
          cwd = resolve(cwd, dir);
          expect(statSync(cwd).isDirectory(), where).toBe(true);
        }
      } else if (step[0] === 'open') {
        // The report the previous command wrote, in its default folder arena-results/NAME.
        const path = step[1] as string;
        expect(lastRun, `${where}: opens the report of the command before it`).toBeDefined();
        expect(path, where).toBe(`arena-results/${lastRun?.name}/report.html`);
        expect(existsSync(join(lastRun?.dir as string, 'report.html')), where).toBe(true);
      } else if (args?.includes('--queue')) {
        checkQueueCommand(args);
      } else if (args !== undefined) {
        const r = await runArena(
          args,
          b.lines.some((l) => l.steps.some((s) => s[0] === 'open')),
        );
        expect(r.err, where).not.toMatch(/crashed|Error|unknown/);
        expect(r.code, `${where}\n${r.err}`).toBe(0);
        if (args[0] === 'list') expect(r.out, where).toMatch(/\S/);
        if (args[0] === 'run') {
          expect(existsSync(join(r.dir, 'results.jsonl')), where).toBe(true);
          lastRun = { dir: r.dir, name: String(json(join(r.dir, 'report.json')).experiment) };
        }
      } else {
        let w = [...step];
        if (w[0] === 'npx' && w[1] === '-y' && w[2]?.startsWith('pnpm@')) w = ['pnpm', ...w.slice(3)];
        const rule = slow.find((s) => s.match.test(w.join(' ')));
        expect(rule, `${where}: neither run by this test nor in its table of slow commands`).toBeDefined();
        rule?.check(w, isAbsolute(cwd) ? cwd : root);
      }
    }
  });
});
