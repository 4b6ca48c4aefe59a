/**
 * CMA-ES at n = 200 and n = 1,000 (issue 28): wall time and FLOPs per generation with the
 * eigendecomposition every generation (as before) and lazily (pycma's gap, now the default), and
 * pycma 4.x on the same problem where python3, numpy and pycma are importable.
 *
 * Rows, each on the 10-D-style sphere f(x) = Σ x² from x0 = 1, σ0 = 0.5, default λ, seed 1:
 *   - "every generation, Householder+QL": eigenEvery 1 (the old schedule, today's solver above 64-D);
 *   - "lazy, Householder+QL": the default eigenEvery (3 at n = 200, 9 at n = 1,000);
 *   - "every generation, Jacobi" (n = 200 only): the bookkeeping of the lazy run plus one Jacobi
 *     decomposition per generation, timed separately — the solver CMA-ES used at every n before;
 *     at n = 1,000 one Jacobi decomposition takes minutes here, so that row is not run.
 * FLOPs per generation are what the meter charges (`cmaEs.flopsPerGeneration` with the state):
 * 4λn² + n³ in generations that decompose, 4λn² in the others; "before" charged n³ every generation.
 *
 *   pnpm --filter @evoprop/evolution bench:cma-scale
 *   PYCMA_PATH=/tmp/pycma pnpm --filter @evoprop/evolution bench:cma-scale   (a folder holding pycma's `cma` package)
 *
 * Settings: DIMS (200,1000), GENERATIONS (n = 200: 18, n = 1,000: 9 each way; GENERATIONS overrides both).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '@evoprop/tensor';
import { symmetricEigenQl } from '../src/linalg/householder-ql.js';
import { type CmaEsState, cmaEs, fullCovarianceFlops, symmetricEigen } from '../src/index.js';
import { sphere } from '../src/testing-fixtures/objectives.js';

const dims = (process.env.DIMS ?? '200,1000').split(',').map(Number);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const fmt = (x: number) => x.toExponential(2);

function run(n: number, generations: number, eigenEvery?: number) {
  let state: CmaEsState = cmaEs.init(
    new Array(n).fill(1),
    { sigma: 0.5, ...(eigenEvery === undefined ? {} : { eigenEvery }) },
    Rng.fromSeed(1),
  );
  let flops = 0;
  let decompositions = 0;
  const t0 = performance.now();
  for (let g = 0; g < generations; g++) {
    flops += cmaEs.flopsPerGeneration(n, state.constants.lambda, state);
    const asked = cmaEs.ask(state);
    const next = cmaEs.tell(asked.state, asked.candidates, asked.candidates.map(sphere));
    if (next.B !== state.B) decompositions++;
    state = next;
  }
  const seconds = (performance.now() - t0) / 1000 / generations;
  return { seconds, flops: flops / generations, decompositions, lambda: state.constants.lambda, eigenEvery: state.eigenEvery, C: state.C };
}

console.log(`CMA-ES scaling, sphere from x0 = 1, σ0 = 0.5, seed 1; load average ${load()}`);
console.log('| n | λ | schedule | generations | decompositions | seconds / generation | FLOPs charged / generation | load average |');
console.log('|---|---|---|---|---|---|---|---|');
for (const n of dims) {
  const generations = Number(process.env.GENERATIONS ?? (n >= 1000 ? 9 : 18));
  const every = run(n, generations, 1);
  const row = (schedule: string, r: ReturnType<typeof run>, seconds = r.seconds, flops = r.flops) =>
    console.log(
      `| ${n} | ${r.lambda} | ${schedule} | ${generations} | ${r.decompositions} | ${seconds.toFixed(3)} | ${fmt(flops)} | ${load()} |`,
    );
  row('every generation, Householder+QL (eigenEvery 1)', every);
  const lazy = run(n, generations);
  row(`lazy, Householder+QL (eigenEvery ${lazy.eigenEvery}, pycma's gap)`, lazy);
  // Both solvers timed on the covariance the every-generation run ended with.
  const timeOf = (solve: () => unknown) => {
    const t0 = performance.now();
    solve();
    return (performance.now() - t0) / 1000;
  };
  const ql = timeOf(() => symmetricEigenQl(every.C, n));
  console.log(
    `| ${n} | ${every.lambda} | one Householder+QL decomposition of the final C | – | 1 | ${ql.toFixed(3)} | ${fmt(n ** 3)} | ${load()} |`,
  );
  if (n <= 400) {
    // Before: Jacobi every generation, n³ charged every generation.
    const jacobi = timeOf(() => symmetricEigen(every.C, n));
    console.log(
      `| ${n} | ${every.lambda} | one Jacobi decomposition of the final C | – | 1 | ${jacobi.toFixed(3)} | ${fmt(n ** 3)} | ${load()} |`,
    );
    row(
      'before: every generation, Jacobi (the QL row with its decomposition swapped for Jacobi’s)',
      { ...every, decompositions: generations },
      every.seconds - ql + jacobi,
      fullCovarianceFlops(n, every.lambda),
    );
  } else {
    console.log(
      `| ${n} | ${every.lambda} | before: every generation, Jacobi | – | – | not run (one decomposition takes minutes here) | ${fmt(fullCovarianceFlops(n, every.lambda))} | ${load()} |`,
    );
  }
}

// pycma, where it runs.
const script = join(dirname(fileURLToPath(import.meta.url)), 'cma-scale.py');
const pythonPath = [process.env.PYCMA_PATH, process.env.PYTHONPATH].filter((p) => p !== undefined && p !== '').join(':');
const envPy = {
  ...process.env,
  PYTHONPATH: pythonPath,
  PYTHONWARNINGS: 'ignore',
  OPENBLAS_NUM_THREADS: '1',
  OMP_NUM_THREADS: '1',
  MKL_NUM_THREADS: '1',
};
const probe = spawnSync('python3', ['-c', 'import numpy, cma; print(cma.__version__, numpy.__version__)'], {
  env: envPy,
  encoding: 'utf8',
});
if (probe.error !== undefined || probe.status !== 0) {
  console.log(
    `\npycma: skipped (needs python3 with numpy and pycma importable; e.g. apt-get install python3-numpy and PYCMA_PATH=<folder with pycma's cma package>): ${(probe.error?.message ?? probe.stderr).trim().split('\n').pop()}`,
  );
} else {
  console.log(`\npycma ${probe.stdout.trim().replace(' ', ', numpy ')} (one BLAS thread), same problem:`);
  const py = spawnSync('python3', [script, dims.join(',')], { env: envPy, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(py.stdout);
}
