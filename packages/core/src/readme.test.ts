// The README's first example, run as written: the block itself, extracted and executed under
// Node (imports by package name, on source), so a README edit cannot drift from what is tested.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');

describe('README example', () => {
  it('builds, trains, evaluates, saves and loads (in memory and, async, on disk)', () => {
    const example = /^```ts[ \t]*\n([\s\S]*?)^```[ \t]*$/m.exec(readme)?.[1] ?? '';
    // The model-file functions as they are: async, the path first.
    expect(example).toContain('await saveModelFile(path, model);');
    expect(example).toContain('await loadModelFile(path);');
    const dir = mkdtempSync(join(packageDir, '.readme-'));
    try {
      writeFileSync(join(dir, 'example.ts'), `${example}\nexport {};\n`);
      const out = execFileSync('node', ['--conditions=@evoprop/source', '--import', 'tsx', join(dir, 'example.ts')], {
        cwd: dir,
        encoding: 'utf8',
      });
      const [metrics, prediction, size] = out.trim().split('\n').slice(-3);
      expect(metrics).toMatch(/accuracy: 1 \}$/);
      expect(Number(/loss: ([\d.e-]+)/.exec(metrics ?? '')?.[1])).toBeLessThan(0.05);
      expect(prediction).toMatch(/^\[ \[ [-\d.e]+, [-\d.e]+ \] \]$/);
      expect(size).toBe('42');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
