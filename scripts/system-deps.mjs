#!/usr/bin/env node
// The programs outside npm that the test suite needs, installed from Debian's archive when missing.
// `pnpm test` runs this first, so the README's test command works on a fresh machine with only Node
// and npm. One entry per program: add `{ command: 'redis-server', debianPackage: 'redis-server', neededBy: '…' }`
// the same way. Installing needs root and apt-get; otherwise this says what to install and goes on
// (the tests that need the program then fail with their own message). EVOPROP_SYSTEM_DEPS=skip skips it.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @type {readonly { command: string; debianPackage: string; neededBy: string }[]} */
export const requirements = [
  {
    command: 'chromium',
    debianPackage: 'chromium',
    neededBy: "@evoprop/arena's HTML report test (headless Chromium at /usr/bin/chromium)",
  },
  {
    command: 'redis-server',
    debianPackage: 'redis-server',
    neededBy: "@evoprop/queue's and @evoprop/arena's job-queue tests (each starts its own redis-server on a loopback port)",
  },
];

/** The full path of `command` on PATH, or null. */
export function which(command, path = process.env.PATH ?? '') {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const full = join(dir, command);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {}
  }
  return null;
}

/**
 * Install what is missing; returns the requirements still missing afterwards.
 * @param {{ reqs?: typeof requirements; path?: string; root?: boolean; log?: (line: string) => void }} options
 */
export function ensureSystemDeps(options = {}) {
  const {
    reqs = requirements,
    path = process.env.PATH ?? '',
    root = process.getuid?.() === 0,
    log = (line) => process.stderr.write(`system-deps: ${line}\n`),
  } = options;
  const missing = reqs.filter((r) => which(r.command, path) === null);
  if (missing.length === 0) return [];
  const names = missing.map((r) => r.debianPackage);
  for (const r of missing) log(`'${r.command}' is missing; ${r.neededBy} needs it (Debian package '${r.debianPackage}')`);
  const aptGet = which('apt-get', path);
  if (!root || aptGet === null) {
    log(
      `cannot install ${names.join(', ')}: ${aptGet === null ? 'no apt-get (not a Debian/Ubuntu system)' : 'not root'}; install it yourself${aptGet === null ? '' : ` with: sudo apt-get install -y --no-install-recommends ${names.join(' ')}`}; those tests will fail until then`,
    );
    return missing;
  }
  log(`installing ${names.join(', ')} with apt-get`);
  const env = { ...process.env, PATH: path, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync(aptGet, args, { stdio: ['ignore', 'inherit', 'inherit'], env }).status === 0;
  if (!run(['update', '-qq']) || !run(['install', '-y', '-qq', '--no-install-recommends', ...names])) {
    log(`apt-get could not install ${names.join(', ')} (offline? no package source?); those tests will fail until it is installed`);
  }
  const still = missing.filter((r) => which(r.command, path) === null);
  if (still.length === 0) log(`installed ${names.join(', ')}`);
  return still;
}

const isMain = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (isMain && process.env.EVOPROP_SYSTEM_DEPS !== 'skip') ensureSystemDeps();
