// node --test scripts/system-deps.test.mjs — the set-up step of `pnpm test`, with fake apt-get on a fake PATH.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureSystemDeps, requirements, which } from './system-deps.mjs';

const script = new URL('./system-deps.mjs', import.meta.url).pathname;

/** A PATH of one folder holding a fake apt-get that logs its arguments and, on install, creates the programs. */
function fakeDebian({ aptWorks = true } = {}) {
  const bin = mkdtempSync(join(tmpdir(), 'system-deps-'));
  const log = join(bin, 'apt.log');
  const install = aptWorks
    ? `for p in "$@"; do case "$p" in -*|install) ;; *) printf '#!/bin/sh\\n' > "${bin}/$p"; /bin/chmod +x "${bin}/$p";; esac; done`
    : 'exit 100';
  writeFileSync(join(bin, 'apt-get'), `#!/bin/sh\necho "$DEBIAN_FRONTEND $*" >> "${log}"\nif [ "$1" = install ]; then ${install}; fi\n`);
  chmodSync(join(bin, 'apt-get'), 0o755);
  return { bin, log };
}

test('pnpm test runs the set-up first, and .ci/run runs exactly the README command', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  assert.match(pkg.scripts.test, /^node scripts\/system-deps\.mjs && /);
  const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const command = 'npx -y pnpm@12.4.2 install --frozen-lockfile && npx -y pnpm@12.4.2 test';
  assert.ok(readme.includes(`\n${command}\n`), 'README names the test command');
  assert.deepEqual(
    ci
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#') && !l.startsWith('set ') && !l.startsWith('cd ') && !l.startsWith('export ')),
    [command],
  );
  assert.ok(requirements.some((r) => r.command === 'chromium' && r.debianPackage === 'chromium'));
  assert.ok(requirements.some((r) => r.command === 'redis-server' && r.debianPackage === 'redis-server'));
});

test('installs a missing program with apt-get when root, then finds it', () => {
  const { bin, log } = fakeDebian();
  const r = spawnSync(process.execPath, [script], { env: { ...process.env, PATH: bin }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    readFileSync(log, 'utf8'),
    'noninteractive update -qq\nnoninteractive install -y -qq --no-install-recommends chromium redis-server\n',
  );
  assert.ok(existsSync(join(bin, 'chromium')));
  assert.ok(existsSync(join(bin, 'redis-server')));
  assert.match(r.stderr, /'chromium' is missing; @evoprop\/arena's HTML report test .* needs it/);
  assert.match(r.stderr, /'redis-server' is missing; @evoprop\/queue's and @evoprop\/arena's job-queue tests .* needs it/);
  assert.match(r.stderr, /system-deps: installed chromium, redis-server\n$/);
  // Present now: nothing to do, nothing said.
  const again = spawnSync(process.execPath, [script], { env: { ...process.env, PATH: bin }, encoding: 'utf8' });
  assert.equal(again.stderr, '');
  assert.equal(readFileSync(log, 'utf8').split('\n').length, 3);
});

test('says what to install when it may not (not root, no apt-get, apt-get failing), and goes on', () => {
  const lines = [];
  const log = (l) => lines.push(l);
  const reqs = [{ command: 'no-such-program-xyz', debianPackage: 'xyz', neededBy: 'the xyz test' }];
  const { bin } = fakeDebian();
  assert.deepEqual(ensureSystemDeps({ reqs, path: bin, root: false, log }), reqs);
  assert.equal(
    lines.at(-1),
    'cannot install xyz: not root; install it yourself with: sudo apt-get install -y --no-install-recommends xyz; those tests will fail until then',
  );
  assert.deepEqual(ensureSystemDeps({ reqs, path: mkdtempSync(join(tmpdir(), 'empty-')), root: true, log }), reqs);
  assert.match(
    lines.at(-1),
    /^cannot install xyz: no apt-get \(not a Debian\/Ubuntu system\); install it yourself; those tests will fail until then$/,
  );
  const broken = fakeDebian({ aptWorks: false });
  assert.deepEqual(ensureSystemDeps({ reqs, path: broken.bin, root: true, log }), reqs);
  assert.match(lines.at(-1), /^apt-get could not install xyz \(offline\? no package source\?\)/);
  assert.equal(which('apt-get', broken.bin), join(broken.bin, 'apt-get'));
});
