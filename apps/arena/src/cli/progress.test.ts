import { describe, expect, it } from 'vitest';
import type { RunSpec } from '../experiment/experiment.js';
import type { RunRecord } from '../runner/record.js';
import { fmtDuration, plainProgress, ttyProgress } from './progress.js';

const spec = { runId: 'xor/adam/0', budget: { flops: 2e6 } } as RunSpec;
const record = (ok: boolean) =>
  ({
    runId: 'xor/adam/0',
    ok,
    metric: 'accuracy',
    final: ok ? 1 : null,
    solved: ok,
    status: ok ? 'reached-target' : 'crashed',
    reason: 'boom',
    timing: { wallSeconds: 0.5 },
    cost: { flops: 1_980_000, evaluations: 3000, gradientSteps: 40, epochs: 2, generations: 0 },
  }) as unknown as RunRecord;

describe('progress', () => {
  it('logs one plain line per finished run with completed/total', () => {
    let out = '';
    const p = plainProgress({ write: (s: string) => (out += s) });
    p.onPlan(3, 1);
    p.onStart(spec);
    p.onRecord(record(true));
    p.onRecord(record(false)); // its spec was not seen (a resumed or queued run): the FLOPs it spent
    expect(out).toBe(
      'arena: 3 runs, 1 already done (resumed)\n[2/3] xor/adam/0: accuracy 1.000 ✓ (0.5 s; spent 1.98M/2.00M FLOPs)\n[3/3] xor/adam/0: FAILED (crashed: boom) (0.5 s; spent 1.98M FLOPs)\n',
    );
  });

  it("states what a run spent in every currency its budget caps, with the reports' units", () => {
    let out = '';
    const p = plainProgress({ write: (s: string) => (out += s) });
    p.onPlan(1, 0);
    p.onStart({ runId: 'xor/adam/0', budget: { generations: 100, evaluations: 5000, wallSeconds: 60 } } as RunSpec);
    p.onRecord(record(true));
    expect(out).toContain('(0.5 s; spent 3.00k/5.00k evaluations, 0/100 generations, 0.5/60 s wall time)');
  });

  it('draws a bar per active run and a total with ETA, redrawn in place', () => {
    let out = '';
    const p = ttyProgress({ write: (s: string) => (out += s) }, 100);
    p.onPlan(2, 0);
    p.onStart(spec);
    p.onProgress({ runId: 'xor/adam/0', fraction: 0.5, metric: 'accuracy', value: 0.75, step: 3 });
    p.stop();
    expect(out).toContain('xor/adam/0');
    expect(out).toContain(' 50% of 2.00M FLOPs  accuracy 0.750'); // the percentage names what it is a share of
    expect(out).toMatch(/0\/2 runs · ETA \S+/);
    const before = out.length;
    p.onRecord(record(true));
    p.stop();
    // The second frame moves the cursor up over the previous live lines (2: one run + the total).
    expect(out.slice(before)).toContain('\x1b[2A\x1b[J✓ xor/adam/0: accuracy 1.000 ✓ (spent 1.98M/2.00M FLOPs)');
    expect(out.slice(before)).toContain('1/2 runs');
  });

  it('rounds a cost just under a unit up to that unit (999,999 FLOPs: 1.00M, not 1.00e+3k)', () => {
    let out = '';
    const p = plainProgress({ write: (s: string) => (out += s) });
    p.onPlan(1, 0);
    p.onStart({ runId: 'xor/adam/0', budget: { flops: 1e6, evaluations: 1e3 } } as RunSpec);
    p.onRecord({ ...record(true), cost: { flops: 999_999, evaluations: 999.6, gradientSteps: 0, epochs: 0, generations: 0 } } as RunRecord);
    expect(out).toContain('spent 1.00M/1.00M FLOPs, 1.00k/1.00k evaluations)');
  });

  it('formats durations', () => {
    expect([fmtDuration(5), fmtDuration(75), fmtDuration(Number.NaN)]).toEqual(['5s', '1m15s', '?']);
  });
});
