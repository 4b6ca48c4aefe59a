import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Ops reach elements only through their backend's kernels, so a new backend (WebGPU) runs every
// op. Host memory is touched by the kernels, the Tensor class's own accessors (data, item,
// toArray), the CPU backend's memory functions, and gradCheck (a host-only test utility).
const src = dirname(fileURLToPath(import.meta.url));
const allowed = [/^kernels\//, /^backend\/cpu-backend\.ts$/, /^tensor\.ts$/, /^grad-check\.ts$/];

/** Lines of code (comments dropped) that read or write a tensor's host array or call the CPU kernel set directly. */
function hostAccesses(source: string): string[] {
  return source
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, ''))
    .filter((line) => !/^\s*\*/.test(line) && !/^\s*\/\*\*/.test(line))
    .filter((line) => /\.data\b(?!Sync)/.test(line) || /\bkernels\(\)/.test(line));
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('no op reads or writes .data outside the kernels', () => {
  it('flags host access in a line of code and ignores it in comments', () => {
    expect(hostAccesses('  out[i] = x.data[i] * 2;')).toHaveLength(1);
    expect(hostAccesses('  kernels().gemm(false, false, m, n, k, a, b, c, false);')).toHaveLength(1);
    expect(hostAccesses(' * x.data; // [1, 2]\n  const y = t.dataSync(); // x.data')).toEqual([]);
  });

  it('holds for every op, autograd and creation function of @evoprop/tensor', () => {
    const offenders = sources(src)
      .map((path) => relative(src, path).split('\\').join('/'))
      .filter((rel) => !allowed.some((a) => a.test(rel)))
      .flatMap((rel) => hostAccesses(readFileSync(join(src, rel), 'utf8')).map((line) => `${rel}: ${line.trim()}`));
    expect(offenders).toEqual([]);
  });
});
