import { describe, expect, it } from 'vitest';
import type { RunSpec } from '../experiment/experiment.js';
import type { RunRecord } from '../runner/record.js';
import { fmtDuration, plainProgress, ttyProgress } from './progress.js';

const spec = { runId: 'xor/adam/0' } as RunSpec;
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
  }) as unknown as RunRecord;

describe('progress', () => {
  it('logs one plain line per finished run with completed/total', () => {
    let out = '';
    const p = plainProgress({ write: (s: string) => (out += s) });
    p.onPlan(3, 1);
    p.onRecord(record(true));
    p.onRecord(record(false));
    expect(out).toBe(
      'arena: 3 runs, 1 already done (resumed)\n[2/3] xor/adam/0: accuracy 1.000 ✓ (0.5 s)\n[3/3] xor/adam/0: FAILED (crashed: boom) (0.5 s)\n',
    );
  });

  it('draws a bar per active run and a total with ETA, redrawn in place', () => {
    let out = '';
    const p = ttyProgress({ write: (s: string) => (out += s) }, 100);
    p.onPlan(2, 0);
    p.onStart(spec);
    p.onProgress({ runId: 'xor/adam/0', fraction: 0.5, metric: 'accuracy', value: 0.75, step: 3 });
    p.stop();
    expect(out).toContain('xor/adam/0');
    expect(out).toContain(' 50%  accuracy 0.750');
    expect(out).toMatch(/0\/2 runs · ETA \S+/);
    const before = out.length;
    p.onRecord(record(true));
    p.stop();
    // The second frame moves the cursor up over the previous live lines (2: one run + the total).
    expect(out.slice(before)).toContain('\x1b[2A\x1b[J✓ xor/adam/0: accuracy 1.000 ✓');
    expect(out.slice(before)).toContain('1/2 runs');
  });

  it('formats durations', () => {
    expect([fmtDuration(5), fmtDuration(75), fmtDuration(Number.NaN)]).toEqual(['5s', '1m15s', '?']);
  });
});
