// Issue 29: the WebGPU backend in Node through the `webgpu` package (Dawn's bindings). Dawn needs
// a Vulkan (or Metal / D3D12) driver; on a machine without a GPU driver it finds no adapter,
// unless Chromium's SwiftShader (a CPU Vulkan driver in Debian's chromium package) is
// available, which this test then points Dawn at. Where no adapter exists the test is skipped
// with the reason printed, never silently.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../testing-fixtures/webgpu-suite.js';

const runner = fileURLToPath(new URL('../testing-fixtures/webgpu-node-runner.ts', import.meta.url));
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

type Outcome = Readonly<{ adapter: string | null; reason: string | null; cases: readonly CaseResult[] }>;

/** Run the suite in a child process (Vulkan's loader reads its environment only at start). */
function runSuite(env: Readonly<Record<string, string>>): Outcome {
  const child = spawnSync(process.execPath, ['--conditions=@evoprop/source', '--import', 'tsx', runner], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    throw new Error(`the WebGPU runner failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
  }
  return JSON.parse(line) as Outcome;
}

/** The system's own adapter if it has one, else SwiftShader's where Chromium ships it. */
function outcome(): Outcome & { tried: string } {
  const system = runSuite({});
  if (system.adapter !== null) return { ...system, tried: 'the system Vulkan driver' };
  if (!existsSync(SWIFTSHADER_ICD)) return { ...system, tried: `the system Vulkan driver (no ${SWIFTSHADER_ICD} to fall back on)` };
  const swiftshader = runSuite({ VK_ICD_FILENAMES: SWIFTSHADER_ICD, LD_LIBRARY_PATH: '/usr/lib/chromium' });
  return {
    ...swiftshader,
    reason: swiftshader.reason === null ? null : `${system.reason}; with SwiftShader: ${swiftshader.reason}`,
    tried: 'SwiftShader from Debian’s chromium package',
  };
}

// The kernels never depend on EVOPROP_KERNELS; the package's second pass (js kernels) skips this, saying so.
const secondPass = process.env.EVOPROP_KERNELS === 'js';

describe('WebGPU backend in Node (the webgpu package)', () => {
  it('passes the op and gradient suite against the JS kernels where an adapter exists', (ctx) => {
    if (secondPass) {
      console.log(
        'webgpu node test: skipped in the EVOPROP_KERNELS=js pass (the suite compares against the JS kernels in every pass; it ran in the first)',
      );
      ctx.skip();
      return;
    }
    const result = outcome();
    if (result.adapter === null) {
      console.log(`webgpu node test: SKIPPED, no WebGPU adapter in Node (${result.reason}; tried ${result.tried})`);
      ctx.skip();
      return;
    }
    console.log(`webgpu node test: adapter '${result.adapter}' via ${result.tried}, ${result.cases.length} cases`);
    expect(result.cases.length).toBeGreaterThan(60);
    expect(result.cases.filter((c) => !c.ok).map((c) => `${c.family}/${c.name}: ${c.worst}`)).toEqual([]);
  }, 150_000);
});
