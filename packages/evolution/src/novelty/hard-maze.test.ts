import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { hardMaze, mazeSensors, runMaze } from './hard-maze.js';

describe('hard maze (Lehman & Stanley 2011)', () => {
  it('senses walls and the goal from the start: the right-hand boundary ahead, the goal on the radar', () => {
    const s = mazeSensors(hardMaze, 36, 184, 0);
    // Straight ahead (+x) from (36, 184): the wall 77,200–108,164 crosses y = 184 at x ≈ 90.8.
    expect(s[2]).toBeCloseTo((77 + ((200 - 184) * (108 - 77)) / (200 - 164) - 36) / 100, 9);
    // Behind (−180°): the left boundary x = 5 is 31 away.
    expect(s[5]).toBeCloseTo(0.31, 9);
    // The goal (31, 20) is at bearing ≈ 268°, in the right quarter (225°–315°) of a robot heading +x.
    expect(Array.from(s.subarray(6))).toEqual([0, 0, 0, 1]);
  });

  it('walls stop the robot: full speed ahead ends against a wall, never through it', () => {
    const out = runMaze(hardMaze, () => [0.5, 1]);
    const [x, y] = out.position;
    expect(x).toBeGreaterThan(36);
    expect(x).toBeLessThan(91);
    expect(y).toBeCloseTo(184, 9);
    expect(out.solved).toBe(false);
    expect(out.fitness).toBeCloseTo(300 - out.distance, 12);
  });

  it('standing still keeps the start: the behaviour of a do-nothing controller', () => {
    expect(runMaze(hardMaze, () => [0.5, 0.5]).position).toEqual([36, 184]);
  });

  it('ends seeded controllers where the reference simulator (walls as tuples, Math.hypot everywhere) ended them, bit for bit', () => {
    // Recorded with the simulator before the typed-array walls and the squared-distance collision
    // test: six seeded linear controllers (sigmoid outputs), final positions to the last bit.
    const recorded = [
      [13.018206962028218, 189.70672764480176],
      [67.5786748463479, 121.31962798359834],
      [47.920750755390266, 60.57264464971506],
      [17.62791827102191, 153.64523440161133],
      [14.012546449752682, 166.21733330526143],
      [33.85624125876736, 163.3660890020027],
    ];
    const rng = Rng.fromSeed(11);
    for (const expected of recorded) {
      const w = Array.from({ length: 22 }, () => rng.normal() * 2);
      const controller = (x: Float64Array) => {
        const o = new Float64Array(2);
        for (let j = 0; j < 2; j++) {
          let z = w[20 + j] as number;
          for (let i = 0; i < 10; i++) z += (w[j * 10 + i] as number) * (x[i] as number);
          o[j] = 1 / (1 + Math.exp(-z));
        }
        return o;
      };
      expect(runMaze(hardMaze, controller).position).toEqual(expected);
    }
  });
});
