/**
 * Counts floating-point operations done by kernels while it is measuring.
 *
 * A meter counts only inside `measure(fn)`, for the synchronous run of `fn`: JavaScript runs
 * one synchronous call at a time, so nothing from another fit in the same thread can
 * interleave there, and two fits running at once (`Promise.all`) are each charged exactly
 * their own FLOPs. Measures nest: a kernel's FLOPs go to every meter measuring at that moment
 * (a per-candidate meter inside a trainer's meter, say); a meter nested in itself counts once.
 *
 * @example
 * const meter = new FlopMeter();
 * meter.measure(() => matmul(a, b));
 * meter.flops; // 2 * m * k * n
 */
export class FlopMeter {
  /** Floating-point operations counted while this meter was measuring (a multiply-add counts 2). */
  flops = 0;

  /** True while this meter is measuring (inside `measure`, or between `start()` and `stop()`). */
  get measuring(): boolean {
    return measuring.includes(this);
  }

  /**
   * Run `fn` with this meter counting and return its result. Only the synchronous run of `fn`
   * is counted: if `fn` returns a promise, work after its first `await` is not (measure those
   * synchronous pieces separately, or report their FLOPs with an explicit count).
   */
  measure<T>(fn: () => T): T {
    if (measuring.includes(this)) return fn();
    measuring.push(this);
    try {
      return fn();
    } finally {
      const i = measuring.lastIndexOf(this);
      if (i >= 0) measuring.splice(i, 1);
    }
  }

  /**
   * Count until `stop()` is called.
   *
   * @deprecated A meter left counting across an `await` is charged the FLOPs of whatever else
   * runs in the thread meanwhile (another fit, a page's own work). Wrap the synchronous work in
   * {@link FlopMeter.measure} instead.
   */
  start(): void {
    if (!measuring.includes(this)) measuring.push(this);
  }

  /**
   * Stop counting after `start()`; a no-op if this meter is not counting.
   *
   * @deprecated Pair of {@link FlopMeter.start}; use {@link FlopMeter.measure}.
   */
  stop(): void {
    const i = measuring.lastIndexOf(this);
    if (i >= 0) measuring.splice(i, 1);
  }
}

/** The meters counting right now: set only for the synchronous run of a `measure` (or by the deprecated `start`). */
const measuring: FlopMeter[] = [];

let suspended = 0;

/** Called by kernels: add `n` FLOPs to every meter that is measuring now. */
export function recordFlops(n: number): void {
  if (suspended > 0) return;
  for (let i = 0; i < measuring.length; i++) (measuring[i] as FlopMeter).flops += n;
}

/**
 * Run `fn` without charging its kernels' FLOPs: for work the ops have always treated as free
 * (negating a gradient, say), so moving it into a kernel leaves every FLOP count unchanged.
 */
export function uncharged<T>(fn: () => T): T {
  suspended++;
  try {
    return fn();
  } finally {
    suspended--;
  }
}
