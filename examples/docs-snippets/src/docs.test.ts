import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractAll, snippetsOf } from './extract.js';

const snippets = extractAll();

describe('docs/ guides', () => {
  it.each(['trainer', 'strategy', 'optimizer', 'task', 'layer', 'plugins'])('%s.md has at least one runnable snippet', (guide) => {
    expect(snippets.filter((s) => s.doc === `${guide}.md`).length).toBeGreaterThan(0);
  });

  it.each(['custom-trainer', 'custom-task'])('the %s README tutorial has a runnable snippet', (name) => {
    expect(snippets.filter((s) => s.doc === `${name}.README.md`).length).toBeGreaterThan(0);
  });

  it('extracts only `ts runnable` fences, with their line numbers', () => {
    const md = 'a\n```ts\nnot run\n```\n```ts runnable\nconst x = 1;\n```\n';
    const found = snippetsOf('x.md', md);
    expect(found).toHaveLength(1);
    expect(found[0]?.line).toBe(5);
    expect(found[0]?.code).toContain('const x = 1;');
  });
});

describe.each(snippets.map((s) => [`${s.doc} snippet ${s.index} (line ${s.line})`, s] as const))('%s', (_, snippet) => {
  it('runs without throwing (its assertions hold)', async () => {
    await import(pathToFileURL(snippet.file).href);
  });
});
