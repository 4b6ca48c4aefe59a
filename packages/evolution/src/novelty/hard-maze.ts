/**
 * The deceptive "hard maze" of Lehman & Stanley (2011, section 5, fig. 2b): a wheeled robot
 * must reach the goal in the top-left corner, but the straight-line distance to it — the obvious
 * fitness — leads into dead ends. The layout (walls as segments, start, heading, goal) is the one
 * distributed with the paper's experiment files (hard_maze.txt); the robot follows their simulator:
 *
 * - inputs: six range finders (at −90°, −45°, 0°, 45°, 90° and −180° from the heading, range 100,
 *   reading distance / 100), four pie-slice radars that read 1 when the goal lies in their quarter
 *   (centred on 0°, 90°, 180° and 270° from the heading) and 0 otherwise, and NEAT's bias;
 * - outputs in [0, 1]: the turn rate and the speed change, each centred on 0.5; speed and turn rate
 *   are clamped to ±3; a move that would bring the robot (radius 8) into a wall is refused;
 * - 400 steps; the behaviour is the final (x, y) position; the fitness is 300 minus the final
 *   distance to the goal; a run solves the maze when the robot ends within 5 of it.
 */

import type { ControlTask, Environment } from '@evoprop/core';

/** A wall segment: (x1, y1) to (x2, y2). */
export type Wall = readonly [number, number, number, number];

/** A maze: walls, the robot's start and heading (degrees) and the goal. */
export type Maze = Readonly<{
  /** Wall segments, boundaries included. */
  walls: readonly Wall[];
  /** Start position. */
  start: readonly [number, number];
  /** Initial heading in degrees (0 = +x). */
  heading: number;
  /** Goal position. */
  goal: readonly [number, number];
}>;

/** The hard maze (Lehman & Stanley 2011, fig. 2b), from the experiment's hard_maze.txt. */
export const hardMaze: Maze = {
  walls: [
    [5, 5, 5, 200],
    [5, 200, 200, 200],
    [200, 200, 200, 5],
    [200, 5, 5, 5],
    [5, 49, 57, 53],
    [56, 54, 56, 157],
    [57, 106, 158, 162],
    [77, 200, 108, 164],
    [5, 80, 33, 121],
    [200, 146, 87, 91],
    [56, 55, 133, 30],
  ],
  start: [36, 184],
  heading: 0,
  goal: [31, 20],
};

const rangeFinderAngles = [-90, -45, 0, 45, 90, -180];
const range = 100;
const radius = 8;
const maxSpeed = 3;
/** Steps per episode (the paper's 400). */
export const mazeSteps = 400;
/** Inputs of a maze controller: six range finders and four radars (NEAT adds its bias). */
export const mazeInputs = 10;
/** Outputs of a maze controller: turn and speed change. */
export const mazeOutputs = 2;

/**
 * The walls as one flat array per maze, (x1, y1, ex, ey) with ex = x2 − x1, ey = y2 − y1, so the
 * sensors and the collision test loop over a typed array instead of destructuring tuples (the hot
 * loop of the maze: 400 steps × 6 rays × every wall per evaluation). The arithmetic is the one of
 * the tuple version, term for term, so every seeded run is bit-identical to it.
 */
const compiledWalls = new WeakMap<readonly Wall[], Float64Array>();
function flatWalls(walls: readonly Wall[]): Float64Array {
  let flat = compiledWalls.get(walls);
  if (flat === undefined) {
    flat = new Float64Array(4 * walls.length);
    walls.forEach(([x1, y1, x2, y2], i) => flat?.set([x1, y1, x2 - x1, y2 - y1], 4 * i));
    compiledWalls.set(walls, flat);
  }
  return flat;
}

/** Distance along the ray from (x, y) at `angle` (radians) to the nearest wall, at most `range`. */
function rayDistance(walls: Float64Array, x: number, y: number, angle: number): number {
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  let best = range;
  for (let w = 0; w < walls.length; w += 4) {
    const x1 = walls[w] as number;
    const y1 = walls[w + 1] as number;
    const ex = walls[w + 2] as number;
    const ey = walls[w + 3] as number;
    const denom = dx * ey - dy * ex;
    if (Math.abs(denom) < 1e-12) continue;
    const t = ((x1 - x) * ey - (y1 - y) * ex) / denom;
    // NOTE: t is tested first (most walls are behind the robot or beyond `best`); same condition.
    if (!(t >= 0 && t < best)) continue;
    const u = ((x1 - x) * dy - (y1 - y) * dx) / denom;
    if (u >= 0 && u <= 1) best = t;
  }
  return best;
}

// A relative margin far above the rounding of hypot and sqrt (each within an ulp or two): only
// squared distances this close to radius² are settled by Math.hypot, the reference's test.
const radiusFar = (radius * (1 + 1e-9)) ** 2;
const radiusNear = (radius * (1 - 1e-9)) ** 2;

/** Whether point (x, y) is at least `radius` from every wall (Math.hypot ≥ radius, as before). */
function clearOfWalls(walls: Float64Array, x: number, y: number): boolean {
  for (let w = 0; w < walls.length; w += 4) {
    const x1 = walls[w] as number;
    const y1 = walls[w + 1] as number;
    const ex = walls[w + 2] as number;
    const ey = walls[w + 3] as number;
    const len2 = ex * ex + ey * ey;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * ex + (y - y1) * ey) / len2));
    const px = x - (x1 + t * ex);
    const py = y - (y1 + t * ey);
    const d2 = px * px + py * py;
    if (d2 >= radiusFar) continue;
    if (d2 < radiusNear || !(Math.hypot(px, py) >= radius)) return false;
  }
  return true;
}

/** The controller's ten inputs at a pose (heading in degrees). */
export function mazeSensors(maze: Maze, x: number, y: number, heading: number, out = new Float64Array(mazeInputs)): Float64Array {
  const walls = flatWalls(maze.walls);
  for (let i = 0; i < rangeFinderAngles.length; i++)
    out[i] = rayDistance(walls, x, y, ((heading + (rangeFinderAngles[i] as number)) * Math.PI) / 180) / range;
  // Radar quarters relative to the heading: 315°–45°, 45°–135°, 135°–225°, 225°–315°.
  let bearing = (Math.atan2(maze.goal[1] - y, maze.goal[0] - x) * 180) / Math.PI - heading;
  bearing = ((bearing % 360) + 360) % 360;
  const quarter = Math.floor(((bearing + 45) % 360) / 90);
  for (let q = 0; q < 4; q++) out[6 + q] = q === quarter ? 1 : 0;
  return out;
}

/** How an episode ended. */
export type MazeOutcome = Readonly<{
  /** Final position: the behaviour characterisation. */
  position: readonly [number, number];
  /** Final distance to the goal. */
  distance: number;
  /** 300 − the final distance to the goal. */
  fitness: number;
  /** Whether the robot ended within 5 of the goal. */
  solved: boolean;
}>;

/** The robot's pose and velocities. */
type Robot = { x: number; y: number; heading: number; speed: number; turn: number };

/** One step: the outputs change turn rate and speed (each centred on 0.5, clamped to ±3); a move into a wall is refused. */
function moveRobot(maze: Maze, r: Robot, turnOut: number, speedOut: number): void {
  r.turn = Math.max(-maxSpeed, Math.min(maxSpeed, r.turn + (turnOut - 0.5)));
  r.speed = Math.max(-maxSpeed, Math.min(maxSpeed, r.speed + (speedOut - 0.5)));
  r.heading = (r.heading + r.turn + 360) % 360;
  const nx = r.x + r.speed * Math.cos((r.heading * Math.PI) / 180);
  const ny = r.y + r.speed * Math.sin((r.heading * Math.PI) / 180);
  if (clearOfWalls(flatWalls(maze.walls), nx, ny)) {
    r.x = nx;
    r.y = ny;
  }
}

const outcomeAt = (maze: Maze, x: number, y: number): MazeOutcome => {
  const distance = Math.hypot(x - maze.goal[0], y - maze.goal[1]);
  return { position: [x, y], distance, fitness: 300 - distance, solved: distance < 5 };
};

/** Run one 400-step episode of `controller` (ten inputs → two outputs in [0, 1]). */
export function runMaze(maze: Maze, controller: (inputs: Float64Array) => ArrayLike<number>, steps = mazeSteps): MazeOutcome {
  const r: Robot = { x: maze.start[0], y: maze.start[1], heading: maze.heading, speed: 0, turn: 0 };
  const inputs = new Float64Array(mazeInputs);
  for (let t = 0; t < steps; t++) {
    const out = controller(mazeSensors(maze, r.x, r.y, r.heading, inputs));
    moveRobot(maze, r, out[0] as number, out[1] as number);
  }
  return outcomeAt(maze, r.x, r.y);
}

/**
 * The maze as a control task, so any trainer (NEAT with `novelty`, say) can run it: observations
 * are the ten sensors, the action is the two outputs (turn, speed change) in [0, 1]; the reward is
 * 0 until the last of the 400 steps, which pays the fitness 300 − the final distance to the goal
 * (so the return is the paper's fitness). `episodeBehaviour` is the final (x, y): the behaviour
 * novelty search compares. Every episode starts at the maze's start (the seed is unused).
 */
export function hardMazeTask(maze: Maze = hardMaze): ControlTask {
  const createEnvironment = (): Environment => {
    const r: Robot = { x: 0, y: 0, heading: 0, speed: 0, turn: 0 };
    let t = 0;
    const sensors = new Float64Array(mazeInputs);
    const observe = () => Float32Array.from(mazeSensors(maze, r.x, r.y, r.heading, sensors));
    return {
      reset: () => {
        Object.assign(r, { x: maze.start[0], y: maze.start[1], heading: maze.heading, speed: 0, turn: 0 });
        t = 0;
        return observe();
      },
      step: (action) => {
        const a = action as Float32Array;
        moveRobot(maze, r, a[0] as number, a[1] as number);
        t++;
        const done = t >= mazeSteps;
        // `state` is what the rollout keeps as history: the position after the step.
        return {
          observation: observe(),
          reward: done ? outcomeAt(maze, r.x, r.y).fitness : 0,
          done,
          terminated: false,
          truncated: done,
          state: Float32Array.of(r.x, r.y),
        };
      },
    };
  };
  return {
    id: 'hard-maze',
    seed: 0,
    description:
      'The hard maze of Lehman & Stanley (2011, fig. 2b): reach the goal; return = 300 − final distance; behaviour = final (x, y).',
    kind: 'control',
    observationSize: mazeInputs,
    actionSize: mazeOutputs,
    actionKind: 'continuous',
    maxSteps: mazeSteps,
    metric: 'return',
    createEnvironment,
    episodeBehaviour: (_steps, _return, history) => {
      const last = history[history.length - 1];
      return last === undefined ? [maze.start[0], maze.start[1]] : [last[0] as number, last[1] as number];
    },
  };
}
