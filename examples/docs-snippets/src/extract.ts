import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's docs folder and where extracted snippets are written. */
export const docsDir = fileURLToPath(new URL('../../../docs/', import.meta.url));
export const generatedDir = fileURLToPath(new URL('./generated/', import.meta.url));

export type Snippet = Readonly<{ doc: string; index: number; line: number; code: string; file: string }>;

/** Every fenced block whose info string is `ts runnable`, in document order. */
export function snippetsOf(doc: string, markdown: string): Snippet[] {
  const out: Snippet[] = [];
  const fence = /^```ts runnable[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (let m = fence.exec(markdown); m !== null; m = fence.exec(markdown)) {
    const line = markdown.slice(0, m.index).split('\n').length;
    const name = `${basename(doc, '.md').replace('.', '-')}-${out.length + 1}.ts`;
    // `export {}` makes a snippet without imports a module, so top-level await works.
    out.push({ doc, index: out.length + 1, line, code: `// ${doc}:${line}\n${m[1]}\nexport {};\n`, file: join(generatedDir, name) });
  }
  return out;
}

/** The example READMEs whose snippets are checked too (the tutorials). */
export const exampleReadmes = ['custom-trainer', 'custom-task'].map((name) => ({
  doc: `${name}.README.md`,
  path: fileURLToPath(new URL(`../../${name}/README.md`, import.meta.url)),
}));

/** Extract the snippets of every docs/*.md and example README into src/generated/ (replacing what was there). */
export function extractAll(): Snippet[] {
  rmSync(generatedDir, { recursive: true, force: true });
  mkdirSync(generatedDir, { recursive: true });
  const docs = readdirSync(docsDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((doc) => ({ doc, path: join(docsDir, doc) }));
  const snippets = [...docs, ...exampleReadmes].flatMap(({ doc, path }) => snippetsOf(doc, readFileSync(path, 'utf8')));
  for (const s of snippets) writeFileSync(s.file, s.code);
  return snippets;
}
