/**
 * The fast subset of `pnpm figures`: reruns every `speed: 'fast'` command (two at a time) and
 * requires each figure to match its README exactly. A change that moves a seeded figure fails
 * here, naming the figure, the README's value and the new one.
 */
import { describe, expect, it } from 'vitest';
import { registry } from './registry/index.js';
import { repoRoot } from './root.js';
import { type RunOutcome, mismatchLines, runFigures } from './run.js';

describe('fast seeded figures', () => {
  it('reproduce exactly what the READMEs quote', async () => {
    const queue = registry.filter((r) => r.speed === 'fast');
    const outcomes: RunOutcome[] = [];
    const worker = async () => {
      for (let r = queue.shift(); r !== undefined; r = queue.shift())
        outcomes.push(await runFigures(r, { root: repoRoot(), timeoutSeconds: 900 }));
    };
    await Promise.all([worker(), worker()]);
    expect(mismatchLines(outcomes)).toEqual([]);
  });
});
