import { describe, expect, it } from 'vitest';
import { examplesOf, publishedExamples } from './readme-examples.js';

describe('README examples', () => {
  const md = [
    '# x',
    '```ts',
    "import { a } from '@evoprop/core';",
    '```',
    '```ts runnable',
    "import { b } from '@evoprop/example-custom-task';",
    '```',
    '```ts fragment',
    'interface Sketch {}',
    '```',
    '```sh',
    'pnpm arena',
    '```',
    '```ts slow',
    "const { c } = await import('@evoprop/tasks');",
    '```',
    '```ts compile-only',
    "import { d } from '@evoprop/queue';",
    '```',
  ].join('\n');

  it('takes `ts`, `ts runnable`, `ts slow` and `ts compile-only` (not run) blocks with their line and imports, not `ts fragment` or other languages', () => {
    const found = examplesOf('packages/x/README.md', md);
    expect(found.map((e) => [e.line, e.file, e.imports, e.run])).toEqual([
      [2, 'packages-x-README-2.ts', ['@evoprop/core'], true],
      [5, 'packages-x-README-5.ts', ['@evoprop/example-custom-task'], true],
      [14, 'packages-x-README-14.ts', ['@evoprop/tasks'], false],
      [17, 'packages-x-README-17.ts', ['@evoprop/queue'], false],
    ]);
  });

  it('keeps the examples that import only published packages', () => {
    const found = examplesOf('README.md', md);
    expect(publishedExamples(found, ['@evoprop/core', '@evoprop/tasks']).map((e) => e.line)).toEqual([2, 14]);
  });
});
