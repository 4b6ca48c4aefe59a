/**
 * evoprop NEAT vs neataptic's NEAT on XOR, side by side: population 150, sigmoid nodes
 * only (neataptic's FFW mutations without MOD_ACTIVATION), the same stopping rule (all
 * four outputs on the correct side of 0.5), the same fitness ((4 − Σ|error|)²), the same
 * evaluation count (networks evaluated up to and including the first solver), 20 seeds.
 * neataptic is seeded by replacing Math.random inside this benchmark only.
 *
 *   node --conditions=@evoprop/source --import tsx bench/neat-xor.ts [seeds] [maxGenerations]
 */
import { Rng } from '@evoprop/tensor';
// @ts-expect-error neataptic ships no types
import neataptic from 'neataptic';
import { neatConfig, runXor, xorPatterns } from '../src/neat/index.js';

type Run = { solved: boolean; evaluations: number; seconds: number; cpuSeconds: number };

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
type Neataptic = {
  Neat: new (
    i: number,
    o: number,
    f: (n: unknown) => number,
    o2: object,
  ) => { population: NetLike[]; evaluate(): Promise<void>; evolve(): Promise<unknown> };
  methods: { mutation: Record<string, unknown> & { FFW: unknown[]; MOD_ACTIVATION: unknown } };
};
type NetLike = { activate(x: readonly number[]): number[] };

const seeds = Number(process.argv[2] ?? 20);
const maxGenerations = Number(process.argv[3] ?? 500);
const populationSize = 150;
const lib = neataptic as NeatapticLike;
type NeatapticLike = Neataptic;

function xorScore(net: NetLike): { fitness: number; solved: boolean } {
  let error = 0;
  let solved = true;
  for (const { input, target } of xorPatterns) {
    const y = net.activate([...input])[0] as number;
    error += Math.abs(target - y);
    if (target === 1 ? !(y > 0.5) : !(y < 0.5)) solved = false;
  }
  return { fitness: (4 - error) ** 2, solved };
}

async function neatapticRun(seed: number): Promise<Run> {
  const rng = Rng.fromSeed(seed).fork('neataptic');
  const original = Math.random;
  Math.random = () => rng.uniform();
  const t0 = performance.now();
  const c0 = cpuNow();
  try {
    const mutation = lib.methods.mutation.FFW.filter((m) => m !== lib.methods.mutation.MOD_ACTIVATION);
    let firstSolver = -1;
    let index = 0;
    const neat = new lib.Neat(
      2,
      1,
      (net) => {
        const s = xorScore(net as NetLike);
        if (s.solved && firstSolver < 0) firstSolver = index;
        index++;
        return s.fitness;
      }, // neataptic's documented XOR settings (equal parents, elitism 5, mutation rate 0.5), population 150.
      { popsize: populationSize, mutation, equal: true, elitism: 5, mutationRate: 0.5 },
    );
    for (let gen = 0; gen < maxGenerations; gen++) {
      index = 0;
      await neat.evaluate();
      if (firstSolver >= 0)
        return {
          solved: true,
          evaluations: gen * populationSize + firstSolver + 1,
          seconds: (performance.now() - t0) / 1000,
          cpuSeconds: cpuNow() - c0,
        };
      await neat.evolve();
    }
    return {
      solved: false,
      evaluations: maxGenerations * populationSize,
      seconds: (performance.now() - t0) / 1000,
      cpuSeconds: cpuNow() - c0,
    };
  } finally {
    Math.random = original;
  }
}

function evopropRun(seed: number): Run {
  const t0 = performance.now();
  const c0 = cpuNow();
  const r = runXor(neatConfig('paper'), seed, maxGenerations);
  return { solved: r.solved, evaluations: r.evaluations, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuNow() - c0 };
}

const summary = (runs: Run[]) => {
  const ok = runs.filter((r) => r.solved);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    success: ok.length / runs.length,
    // Over the solved runs only; NaN when none solved.
    evaluations: ok.length > 0 ? mean(ok.map((r) => r.evaluations)) : Number.NaN,
    seconds: mean(runs.map((r) => r.seconds)),
    cpuSeconds: mean(runs.map((r) => r.cpuSeconds)),
    perEval: runs.reduce((a, r) => a + r.cpuSeconds, 0) / runs.reduce((a, r) => a + r.evaluations, 0),
  };
};

const ours: Run[] = [];
const theirs: Run[] = [];
for (let seed = 0; seed < seeds; seed++) {
  ours.push(evopropRun(seed));
  theirs.push(await neatapticRun(seed));
  const [o, t] = [ours.at(-1) as Run, theirs.at(-1) as Run];
  console.log(
    `seed ${seed}: evoprop ${o.solved ? o.evaluations : 'failed'} (${o.cpuSeconds.toFixed(2)} s CPU), neataptic ${t.solved ? t.evaluations : 'failed'} (${t.cpuSeconds.toFixed(2)} s CPU)`,
  );
}
const a = summary(ours);
const b = summary(theirs);
const row = (name: string, s: ReturnType<typeof summary>) =>
  `${name.padEnd(10)} success ${(100 * s.success).toFixed(0).padStart(3)} %   mean evaluations ${(Number.isNaN(s.evaluations) ? '—' : s.evaluations.toFixed(0)).padStart(6)}   wall ${(1000 * s.seconds).toFixed(0).padStart(6)} ms/run   CPU ${(1000 * s.cpuSeconds).toFixed(0).padStart(6)} ms/run   CPU ${(1e6 * s.perEval).toFixed(1)} µs/evaluation`;
console.log(
  `XOR, ${seeds} seeds, population ${populationSize}, sigmoid only, cap ${maxGenerations} generations (machine shared: wall times are indicative)`,
);
console.log(row('evoprop', a));
console.log(row('neataptic', b));
console.log(
  `ratios (neataptic / evoprop): evaluations to solve ${a.success > 0 && b.success > 0 ? `${(b.evaluations / a.evaluations).toFixed(2)}×` : 'n/a (a side solved none)'}, wall per run ${(b.seconds / a.seconds).toFixed(2)}×, CPU per run ${(b.cpuSeconds / a.cpuSeconds).toFixed(2)}×, CPU per evaluation ${(b.perEval / a.perEval).toFixed(2)}×, success ${(b.success / Math.max(1e-9, a.success)).toFixed(2)}×`,
);
