import { type ControlTask, type VectorEnvironment, actionWidth, vectorEnvironment } from '@evoprop/core';
import { RlError } from '../errors.js';

/** Plain-data state of an {@link EpisodeStream}: enough to rebuild every environment exactly. */
export type EpisodeStreamState = {
  /** Seed of each environment's current episode. */
  seeds: number[];
  /** Actions taken so far in each environment's current episode (`steps × width` values), replayed on restore. */
  actions: number[][];
  /** Episodes started so far (the next episode's seed is `seedBase + started`). */
  started: number;
  /** Undiscounted return of each environment's current episode so far. */
  episodeReturns: number[];
  /** Returns of the last finished training episodes (at most `window`), oldest first. */
  finished: number[];
};

/** What one step of every running environment gave, before the finished ones were restarted. */
export type StreamStep = Readonly<{
  /** Reward of each environment (0 for environments not stepped). */
  rewards: Float64Array;
  /** 1 where the episode reached a terminal state. */
  terminated: Uint8Array;
  /** 1 where the episode was cut by the step cap. */
  truncated: Uint8Array;
  /** Observation after the step, before any restart (`count × observationSize`): a truncated episode's last state. */
  finalObservations: Float32Array;
}>;

const window = 100;

/**
 * `count` environments of a task kept running across updates, as a policy-gradient rollout
 * wants: an episode that ends (terminated or truncated) restarts at once from the next seed of
 * the run's own sequence. Stepped through the task's vectorised environment (one typed array
 * per state variable). Its state is plain data: because environments are deterministic given
 * a seed and actions, a checkpoint stores each current episode's seed and actions and
 * {@link EpisodeStream.restore} replays them, so a resumed run steps from the same states.
 */
export class EpisodeStream {
  /** Current observations, `count × observationSize` (the vector environment's own buffer). */
  observations: Float32Array;
  private readonly env: VectorEnvironment;
  private readonly width: number;
  private readonly all: Uint8Array;
  private readonly state: EpisodeStreamState;
  private readonly finalObservations: Float32Array;

  /**
   * @param task The control task.
   * @param count Environments stepped together.
   * @param seedBase First episode seed; episode n of the run uses `seedBase + n`.
   * @param resume A state from {@link EpisodeStream.snapshot} to rebuild instead of starting fresh.
   */
  constructor(
    task: ControlTask,
    readonly count: number,
    private readonly seedBase: number,
    resume?: EpisodeStreamState,
  ) {
    const own = vectorEnvironment(task, count);
    // Restarting single episodes needs resetWhere; without it, the scalar environments side by side.
    this.env = own.resetWhere !== undefined ? own : vectorEnvironment({ ...task, createVectorEnvironment: undefined }, count);
    this.width = actionWidth(task);
    this.all = new Uint8Array(count).fill(1);
    this.finalObservations = new Float32Array(count * task.observationSize);
    if (resume === undefined) {
      const seeds = Array.from({ length: count }, (_, i) => seedBase + i);
      this.state = { seeds, actions: seeds.map(() => []), started: count, episodeReturns: new Array(count).fill(0), finished: [] };
      this.observations = this.env.reset(seeds);
    } else {
      if (resume.seeds.length !== count || resume.actions.length !== count)
        throw new RlError('resume episode stream', `${count} environments`, `${resume.seeds.length}`);
      this.state = structuredClone(resume);
      this.observations = this.replay();
    }
  }

  /** Mean return of the last finished training episodes (up to 100), or undefined before the first ends. */
  recentReturn(): number | undefined {
    const f = this.state.finished;
    return f.length === 0 ? undefined : f.reduce((a, b) => a + b, 0) / f.length;
  }

  /** Training episodes finished so far in the window (at most 100). */
  get finishedCount(): number {
    return this.state.finished.length;
  }

  /**
   * One step of the first `active` environments (default all) with the action rows of `actions`;
   * episodes that end are recorded and restarted from the next seeds. `observations` then holds
   * the states the next actions are chosen in.
   */
  step(actions: Float32Array, active = this.count): StreamStep {
    const mask = active === this.count ? this.all : Uint8Array.from({ length: this.count }, (_, i) => (i < active ? 1 : 0));
    const r = this.env.step(actions, mask);
    const s = this.state;
    const w = this.width;
    this.finalObservations.set(r.observations);
    let ended = false;
    const restart = new Uint8Array(this.count);
    for (let i = 0; i < active; i++) {
      const taken = s.actions[i];
      for (let j = 0; j < w; j++) taken.push(actions[i * w + j]);
      s.episodeReturns[i] += r.rewards[i];
      if (r.terminated[i] === 1 || r.truncated[i] === 1) {
        s.finished.push(s.episodeReturns[i]);
        if (s.finished.length > window) s.finished.shift();
        s.episodeReturns[i] = 0;
        s.seeds[i] = this.seedBase + s.started++;
        s.actions[i] = [];
        restart[i] = 1;
        ended = true;
      }
    }
    const result = { rewards: r.rewards, terminated: r.terminated, truncated: r.truncated, finalObservations: this.finalObservations };
    if (ended) this.observations = (this.env.resetWhere as NonNullable<VectorEnvironment['resetWhere']>)(s.seeds, restart);
    else this.observations = r.observations;
    return result;
  }

  /** The stream's whole state as plain data (a copy). */
  snapshot(): EpisodeStreamState {
    return structuredClone(this.state);
  }

  /** Restart every current episode from its seed and re-apply its recorded actions. */
  private replay(): Float32Array {
    const s = this.state;
    const w = this.width;
    let observations = this.env.reset(s.seeds);
    const longest = s.actions.reduce((m, a) => Math.max(m, a.length / w), 0);
    const actions = new Float32Array(this.count * w);
    const mask = new Uint8Array(this.count);
    for (let t = 0; t < longest; t++) {
      for (let i = 0; i < this.count; i++) {
        const taken = s.actions[i];
        mask[i] = (t + 1) * w <= taken.length ? 1 : 0;
        if (mask[i] === 1) for (let j = 0; j < w; j++) actions[i * w + j] = taken[t * w + j];
      }
      const r = this.env.step(actions, mask);
      observations = r.observations;
      for (let i = 0; i < this.count; i++)
        if (mask[i] === 1 && (r.terminated[i] === 1 || r.truncated[i] === 1))
          throw new RlError('resume episode stream', `episode of seed ${s.seeds[i]} still running after its recorded actions`, 'it ended');
    }
    return observations;
  }
}
