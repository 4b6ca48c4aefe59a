import type { RaceConfig, StrategyId } from './config.js';
import type { Snapshot, StrategyOutcome } from './run-strategy.js';

/** What the page asks a race worker to do: run one strategy of one race. */
export type RaceJob = Readonly<{ config: RaceConfig; strategy: StrategyId }>;

/** The points of the race's data (sent once per strategy, before its first look). */
export type RacePoints = Readonly<{
  /** Training inputs, [n, 2] row-major. */
  trainX: Float32Array;
  /** Training labels. */
  trainY: Float32Array;
  /** Test inputs, [m, 2] row-major. */
  testX: Float32Array;
  /** Test labels. */
  testY: Float32Array;
}>;

/** A race worker's progress messages. */
export type RaceProgress =
  | Readonly<{ type: 'points'; points: RacePoints }>
  | Readonly<{ type: 'look'; look: Snapshot }>
  | Readonly<{ type: 'kernels'; used: string; note: string | null }>;

/** A race worker's answer. */
export type RaceResult = StrategyOutcome;
