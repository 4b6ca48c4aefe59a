/**
 * Policy-gradient reinforcement learning: PPO and REINFORCE on probability distributions over actions.
 *
 * @module @evoprop/rl
 */
export * from '@evoprop/rl';
