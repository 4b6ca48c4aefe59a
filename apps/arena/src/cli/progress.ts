import type { RunSpec } from '../experiment/experiment.js';
import type { RunProgress } from '../runner/execute-run.js';
import type { RunRecord } from '../runner/record.js';
import { capsText, spentText } from '../report/format.js';

export type ProgressSink = Readonly<{
  onPlan(total: number, done: number): void;
  onStart(spec: RunSpec): void;
  onProgress(p: RunProgress): void;
  onRecord(r: RunRecord): void;
  stop(): void;
}>;

type Out = Readonly<{ write(s: string): unknown }>;

const bar = (fraction: number, width: number): string => {
  const full = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
};

export const fmtDuration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

const outcome = (r: RunRecord): string =>
  r.ok ? `${r.metric} ${r.final?.toFixed(3)}${r.solved ? ' ✓' : ''}` : `FAILED (${r.status}: ${r.reason.split('\n')[0]?.slice(0, 80)})`;

/** Shared bookkeeping: completed/total and an ETA from the pace of this session's runs. */
class Tally {
  total = 0;
  done = 0;
  failed = 0;
  private startDone = 0;
  private readonly started = performance.now();
  readonly active = new Map<string, { fraction: number; value: number | null; metric: string; caps: string }>();

  plan(total: number, done: number) {
    this.total = total;
    this.done = done;
    this.startDone = done;
  }

  eta(): number {
    const elapsed = (performance.now() - this.started) / 1000;
    const progressed = this.done - this.startDone + [...this.active.values()].reduce((s, a) => s + a.fraction, 0);
    return progressed <= 0
      ? Number.NaN
      : (elapsed / progressed) * (this.total - this.done - [...this.active.values()].reduce((s, a) => s + a.fraction, 0));
  }
}

/**
 * What a finished run spent, in the units of the reports: against each cap of its budget
 * (`1.98M/2.00M FLOPs`) when the run's spec was seen, else its FLOPs.
 */
const spentOf = (r: RunRecord, budget: RunSpec['budget'] | undefined): string =>
  spentText(budget ?? {}, { ...r.cost, wallSeconds: r.timing.wallSeconds });

/** One line per finished run, with what it spent in the budget's units; for logs and CI (not a terminal). */
export function plainProgress(out: Out): ProgressSink {
  const t = new Tally();
  const budgets = new Map<string, RunSpec['budget']>();
  return {
    onPlan(total, done) {
      t.plan(total, done);
      out.write(`arena: ${total} runs${done > 0 ? `, ${done} already done (resumed)` : ''}\n`);
    },
    onStart(spec) {
      budgets.set(spec.runId, spec.budget);
    },
    onProgress() {},
    onRecord(r) {
      t.done++;
      const spent = spentOf(r, budgets.get(r.runId));
      budgets.delete(r.runId);
      out.write(`[${t.done}/${t.total}] ${r.runId}: ${outcome(r)} (${r.timing.wallSeconds.toFixed(1)} s; spent ${spent})\n`);
    },
    stop() {},
  };
}

/** A live display: one bar per active run, then completed/total and ETA. Redrawn in place on a TTY. */
export function ttyProgress(out: Out, columns = 100): ProgressSink {
  const t = new Tally();
  const budgets = new Map<string, RunSpec['budget']>();
  let drawn = 0;
  let lastLog: string[] = [];
  const draw = () => {
    const width = Math.max(10, Math.min(30, columns - 60));
    const lines = [
      ...lastLog,
      ...[...t.active.entries()].map(
        ([id, a]) =>
          `  ${id.padEnd(28).slice(0, 28)} ${bar(a.fraction, width)} ${String(Math.round(a.fraction * 100)).padStart(3)}%${a.caps === '' ? '' : ` of ${a.caps}`}${a.value === null ? '' : `  ${a.metric} ${a.value.toFixed(3)}`}`,
      ),
      `${bar(t.done / Math.max(1, t.total), width)} ${t.done}/${t.total} runs${t.failed > 0 ? ` · ${t.failed} failed` : ''} · ETA ${fmtDuration(t.eta())}`,
    ];
    lastLog = [];
    out.write(`${drawn > 0 ? `\x1b[${drawn}A` : ''}\x1b[J${lines.join('\n')}\n`);
    drawn = t.active.size + 1;
  };
  const timer = setInterval(draw, 250);
  timer.unref();
  return {
    onPlan: (total, done) => t.plan(total, done),
    onStart(spec) {
      budgets.set(spec.runId, spec.budget);
      // The bar's percentage is a share of the budget's caps, named with their units (`of 2.00M FLOPs`).
      t.active.set(spec.runId, { fraction: 0, value: null, metric: '', caps: capsText(spec.budget) });
    },
    onProgress(p) {
      const a = t.active.get(p.runId);
      if (a !== undefined) t.active.set(p.runId, { fraction: p.fraction, value: p.value, metric: p.metric, caps: a.caps });
    },
    onRecord(r) {
      t.active.delete(r.runId);
      t.done++;
      if (!r.ok) t.failed++;
      const spent = spentOf(r, budgets.get(r.runId));
      budgets.delete(r.runId);
      // Finished runs scroll up as permanent lines above the live bars.
      lastLog.push(`${r.ok ? '✓' : '✗'} ${r.runId}: ${outcome(r)} (spent ${spent})`);
    },
    stop() {
      clearInterval(timer);
      draw();
    },
  };
}
