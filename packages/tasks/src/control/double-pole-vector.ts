import { forceOf } from './cart-pole.js';
import {
  type DoublePoleOptions,
  doublePoleAction,
  doublePoleConstants,
  doublePoleFailed,
  doublePoleStart,
  newWork,
  writeDoublePoleObservation,
} from './double-pole.js';
import { PhysicsVectorEnvironment } from './vector-base.js';

/**
 * `count` double-pole environments stepped together, the state one Float64Array per variable
 * (x, ẋ, θ1, θ̇1, θ2, θ̇2); each follows exactly the arithmetic of `DoublePoleEnvironment`
 * and reports its full state per step (`stateOf`) for Gruau's damping fitness.
 *
 * @param taskSeed The task's seed; with each episode seed it picks random starts.
 * @param options The parsed task options.
 * @param count Number of environments.
 */
export function doublePoleVectorEnvironment(taskSeed: number, options: DoublePoleOptions, count: number): PhysicsVectorEnvironment {
  const name = options.velocities ? 'double-pole' : 'double-pole-nv';
  const work = newWork();
  return new PhysicsVectorEnvironment(
    {
      name,
      variables: 6,
      observationSize: options.velocities ? 6 : 3,
      maxSteps: options.maxSteps,
      start: (seed, state) => doublePoleStart(taskSeed, options, seed, state),
      // One action value in both modes: an index (discrete) or a value in [0, 1] (continuous).
      advance(state, action) {
        doublePoleAction(state, forceOf(name, action, options.actions, doublePoleConstants.forceMagnitude), options.integrator, work);
        return doublePoleFailed(state);
      },
      // The reference code's balanced count: reward 1 for a step that ends with both poles up.
      reward: (terminated) => (terminated ? 0 : 1),
      observe: (state, out, offset) => writeDoublePoleObservation(state, options, out, offset),
      reportsState: true,
    },
    count,
  );
}
