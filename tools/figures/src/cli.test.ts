import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = join(dirname(fileURLToPath(import.meta.url)), 'cli.ts');
const figures = (...args: string[]) => spawnSync('node', ['--import', 'tsx', cli, ...args], { encoding: 'utf8' });

describe('pnpm figures', () => {
  it('checks the registry texts against the READMEs (--texts) and exits 0 when all occur', () => {
    const r = figures('--texts');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^figures: every text of \d+ figures and \d+ exclusions occurs in its file/);
    expect(r.status).toBe(0);
  });

  it('lists the fast subset with its commands and values (--list --fast)', () => {
    const r = figures('--list', '--fast');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('neat/xor-paper [fast');
    expect(r.stdout).toContain('neat/xor-paper/mean-evaluations = 4,722');
    expect(r.stdout).not.toContain('[slow');
  });

  it('rejects unknown arguments and unknown run ids with exit 2 and one line naming them', () => {
    const bad = figures('--fastest');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("figures: unknown argument '--fastest'");
    const none = figures('--only', 'no-such-run');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no run id starts with no-such-run');
  });
});
