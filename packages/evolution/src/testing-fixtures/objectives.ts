// Classic test functions (minimum 0) for the strategy tests and benchmarks: @evoprop/tasks owns them
// (a dev dependency here, so this file is not part of the build).
import * as objectives from '@evoprop/tasks';

/** The sphere function Σ x_i² (`@evoprop/tasks`' `sphere`, over any array of numbers). */
export const sphere = (x: ArrayLike<number>): number => objectives.sphere.evaluate(Float64Array.from(x));

/** Rosenbrock's banana function (`@evoprop/tasks`' `rosenbrock`, over any array of numbers). */
export const rosenbrock = (x: ArrayLike<number>): number => objectives.rosenbrock.evaluate(Float64Array.from(x));

/** Rastrigin's function (`@evoprop/tasks`' `rastrigin`, over any array of numbers). */
export const rastrigin = (x: ArrayLike<number>): number => objectives.rastrigin.evaluate(Float64Array.from(x));

/** Exact, order-preserving serialisation of a state (typed arrays included), for byte comparisons. */
export const stateBytes = (state: unknown): string =>
  JSON.stringify(state, (_k, v) => (ArrayBuffer.isView(v) ? { [v.constructor.name]: Array.from(v as Float64Array) } : v));
