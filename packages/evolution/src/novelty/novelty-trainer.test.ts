import { rollout } from '@evoprop/core';
import { xorTask } from '@evoprop/core/testing';
import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { neatModelKinds } from '../neat/model.js';
import { NeatTrainer } from '../neat/trainer.js';
import { hardMaze, hardMazeTask, runMaze } from './hard-maze.js';

// The archive travels in checkpoints: resume, determinism and exact caps hold with novelty on.
describeTrainerConformance(
  'NeatTrainer (novelty search, XOR)',
  () => new NeatTrainer({ neat: { populationSize: 50 }, novelty: { k: 10 } }),
  {
    budgets: ['generations', 'evaluations', 'flops', 'wallSeconds'],
    kinds: neatModelKinds,
    caps: { generations: 4 },
  },
);

describe('NeatTrainer with novelty search (Lehman & Stanley 2011)', () => {
  it('the maze task replays runMaze: same moves, return = 300 − final distance, behaviour = final position', () => {
    const task = hardMazeTask();
    const controller = (t: number) => [0.5 + 0.3 * Math.sin(t / 20), 0.9];
    let t = 0;
    const direct = runMaze(hardMaze, () => controller(t++));
    let u = 0;
    const [episode] = rollout(task, { act: (_o, _e, actions) => actions.set(controller(u++)) }, [0]);
    expect(episode?.steps).toBe(400);
    expect(episode?.behaviour?.[0]).toBeCloseTo(direct.position[0], 3);
    expect(episode?.behaviour?.[1]).toBeCloseTo(direct.position[1], 3);
    // Actions travel as float32, so the two runs differ by rounding only.
    expect(episode?.return).toBeCloseTo(direct.fitness, 5);
  });

  it('scores the maze by novelty: the archive fills, behaviours spread, the best genome is still the fittest', async () => {
    const trainer = new NeatTrainer({ neat: { populationSize: 40, network: { recurrent: true } }, novelty: { k: 15, threshold: 6 } });
    const r = await trainer.fit({ task: hardMazeTask(), rng: Rng.fromSeed(3), budget: { generations: 6 } });
    const last = r.history[r.history.length - 1]?.metrics ?? {};
    expect(last['novelty.archive']).toBeGreaterThan(0);
    expect(last['generation.bestNovelty']).toBeGreaterThan(0);
    // The reported fitness is the objective (300 − distance), the best seen over the run.
    const bests = r.history.map((h) => h.metrics['generation.bestFitness'] as number);
    expect(last.fitness).toBe(Math.max(...bests));
    expect(last.fitness).toBeLessThanOrEqual(300);
    expect(r.cost.evaluations).toBe(6 * 40 * 400);
  }, 60_000);

  it('novelty changes the search (different genomes reproduce), deterministically for a seed', async () => {
    const run = (novelty: boolean) =>
      new NeatTrainer({ neat: { populationSize: 30 }, ...(novelty ? { novelty: { k: 5 } } : {}) }).fit({
        task: xorTask(0),
        rng: Rng.fromSeed(1),
        budget: { generations: 5 },
      });
    const [a, b, plain] = [await run(true), await run(true), await run(false)];
    expect(a.history.map((h) => h.metrics)).toEqual(b.history.map((h) => h.metrics));
    expect(a.history.map((h) => h.metrics['generation.meanFitness'])).not.toEqual(
      plain.history.map((h) => h.metrics['generation.meanFitness']),
    );
  }, 60_000);

  it('fails loudly: bad novelty keys, and a control task without a behaviour', async () => {
    expect(() => new NeatTrainer({ novelty: { kk: 15 } as never })).toThrow(/kk/);
    const { episodeBehaviour: _, ...blind } = hardMazeTask();
    await expect(new NeatTrainer({ novelty: {} }).fit({ task: blind, rng: Rng.fromSeed(0), budget: { generations: 1 } })).rejects.toThrow(
      /novelty search expected a control task with an episodeBehaviour/,
    );
  });
});
