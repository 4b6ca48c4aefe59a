// node --test scripts/no-spread-min-max.test.mjs — `Math.min(...xs)` passes every element as an argument
// and overflows the stack past ~125k elements (a 784×256 layer): library and app code reduce instead.
// Tools and benches that take the min of a handful of per-seed figures are out of scope.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const root = new URL('..', import.meta.url).pathname;

function* sources(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) yield* sources(full);
    else if (/\.(ts|mts|js|mjs)$/.test(e.name)) yield full;
  }
}

test('no Math.min/Math.max over a spread in src/ of packages and apps', () => {
  const offenders = [];
  for (const top of ['packages', 'apps'])
    for (const file of sources(join(root, top)))
      if (/\/src\//.test(file) && !/\.test\.ts$/.test(file))
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (/Math\.(min|max)\(\.\.\./.test(line) && !/^\s*(\*|\/\/)/.test(line)) offenders.push(`${relative(root, file)}:${i + 1}`);
          });
  assert.deepEqual(offenders, []);
});
