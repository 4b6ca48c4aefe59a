/**
 * Exact and useful step caps for evolution on control tasks.
 *
 * A generation's evaluations are the environment steps its episodes actually take, and that is
 * what the budget is charged. Before a generation starts, its worst case (every episode running
 * to the task's `maxSteps`) is compared with what is left of an `evaluations` cap:
 *
 * - it fits: the generation runs as usual;
 * - it does not fit, but one step per episode does: every episode of the generation is cut at the
 *   same shorter horizon ⌊left / episodes⌋ (rollouts truncated by the budget, as a Gymnasium
 *   `TimeLimit` truncates), so the generation can never pass the cap and every candidate is still
 *   judged over the same horizon — the fixed `max_steps` per rollout that evosax and EvoJAX use,
 *   shortened for this generation. Stable-Baselines3's `learn(total_timesteps)` likewise counts
 *   actual environment steps (our PPO and REINFORCE shorten their last rollout to the cap);
 * - not even one step per episode fits: the generation is refused and the run ends, with the rest
 *   of the cap reported as unspent (less than one step per episode of one generation).
 *
 * Evaluating only the candidates that fit was the alternative; it breaks ask/tell (CMA-ES's update
 * needs all λ fitness values, and filling the rest with +∞ biases it), which a shorter common horizon does not.
 * A truncated generation's fitness is not comparable with full-length episodes (on tasks with negative
 * rewards a cut episode even looks better), so it updates the search distribution but never replaces
 * a best-so-far found with full episodes.
 */

/** The episode step limit of the next generation. */
export type GenerationHorizon = Readonly<{
  /** Steps per episode: the task's `maxSteps`, or less when truncated; 0 when not even one step per episode fits. */
  horizon: number;
  /** True when the budget shortens the episodes (`horizon < maxSteps`). */
  truncated: boolean;
}>;

/**
 * The horizon of a generation of `episodes` episodes (candidates × episodes per candidate) when
 * `left` evaluations (environment steps) remain of the cap (`undefined`: no evaluations cap).
 *
 * @example generationHorizon(3000, 500, 18 * 3) // { horizon: 55, truncated: true }
 */
export function generationHorizon(left: number | undefined, maxSteps: number, episodes: number): GenerationHorizon {
  if (left === undefined || episodes <= 0 || episodes * maxSteps <= left) return { horizon: maxSteps, truncated: false };
  const horizon = Math.max(0, Math.floor(left / episodes));
  return { horizon, truncated: true };
}

/** The reason a control-task run ends when not one step per episode fits (for the trainers' `reasons`). */
export function horizonRefusal(left: number, candidates: number, episodesPerCandidate: number): string {
  const episodes = candidates * episodesPerCandidate;
  return `budget: evaluations (the next generation needs at least one step per episode, ${episodes} = ${candidates} candidates × ${episodesPerCandidate} episode${episodesPerCandidate === 1 ? '' : 's'}, ${left} left)`;
}
