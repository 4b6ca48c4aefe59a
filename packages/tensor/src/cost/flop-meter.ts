/**
 * Counts floating-point operations done by kernels while it is active.
 * Meters nest: a kernel's FLOPs go to every meter that is currently measuring.
 *
 * @example
 * const meter = new FlopMeter();
 * meter.measure(() => matmul(a, b));
 * meter.flops; // 2 * m * k * n
 */
export class FlopMeter {
  /** Floating-point operations counted while this meter was active (a multiply-add counts 2). */
  flops = 0;

  /** Run `fn` with this meter active and return its result. */
  measure<T>(fn: () => T): T {
    active.push(this);
    try {
      return fn();
    } finally {
      active.splice(active.lastIndexOf(this), 1);
    }
  }

  /** Activate until `stop()` is called; for async loops that cannot be wrapped in `measure`. */
  start(): void {
    active.push(this);
  }

  /** Deactivate a meter activated by `start()`; a no-op if it is not active. */
  stop(): void {
    const i = active.lastIndexOf(this);
    if (i >= 0) active.splice(i, 1);
  }
}

const active: FlopMeter[] = [];

/** Called by kernels: add `n` FLOPs to every active meter. */
export function recordFlops(n: number): void {
  for (let i = 0; i < active.length; i++) (active[i] as FlopMeter).flops += n;
}
