// The measured pieces of docs/queue.md's paper estimate of a 1,000-worker OpenAI-ES generation:
// λ = 1,000 candidates of n = 10,000 weights, one candidate per worker, seeds on the wire. What the
// coordinator does (ask: every candidate built, since tell needs them; one payload per worker
// encoded; tell) and what one worker does before its episode (decode its payload, rebuild its
// candidate). Timings: they depend on the machine and its load.
// Run: node --conditions=@evoprop/source --import tsx apps/arena/bench/es-generation.ts [LAMBDA] [N]
import { openAiEs, openAiEsCandidate, openAiEsRecipe } from '@evoprop/evolution';
import { decode, encode } from '@evoprop/queue';
import { Rng } from '@evoprop/tensor';

const lambda = Number(process.argv[2] ?? 1000);
const n = Number(process.argv[3] ?? 10_000);
// Wall and CPU time (this process, every thread): on a loaded machine the wall time is inflated, the CPU time much less.
type Mark = Readonly<{ wall: number; cpu: NodeJS.CpuUsage }>;
const mark = (): Mark => ({ wall: performance.now(), cpu: process.cpuUsage() });
const seconds = (start: Mark) => {
  const cpu = process.cpuUsage(start.cpu);
  return `${((performance.now() - start.wall) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`;
};

const first = openAiEs.init(new Float64Array(n), { populationSize: lambda, sigma: 0.02, noise: 'indexed' }, Rng.fromSeed(0));
let t = mark();
const asked = openAiEs.ask(first);
console.log(`ask: ${lambda} candidates of ${n} weights (${(lambda * n).toExponential(0)} Gaussian draws): ${seconds(t)}`);

const recipe = openAiEsRecipe(asked.state);
if (recipe === null) throw new Error('expected a recipe: the state uses indexed noise');
// One job per worker, as the remote evaluator sends it, less the task and model specs (about 1 KB).
t = mark();
const payloads = Array.from({ length: lambda }, (_, k) =>
  encode({ generation: 0, chunk: k, firstIndex: k, candidates: { kind: 'seeds', recipe, count: 1, embed: null } }),
);
const bytes = payloads.reduce((sum, p) => sum + Buffer.byteLength(p), 0);
console.log(
  `encode: ${lambda} seed payloads, ${(bytes / 1e6).toFixed(1)} MB in all (${Math.round(bytes / lambda / 1000)} KB each): ${seconds(t)}`,
);

// One worker: decode its payload, rebuild its candidate (n draws), the same as the coordinator's.
const repeats = 10;
t = mark();
for (let k = 0; k < repeats; k++) {
  const job = decode(payloads[k] as string) as { firstIndex: number; candidates: { recipe: typeof recipe } };
  const x = openAiEsCandidate(job.candidates.recipe, job.firstIndex);
  if (x[0] !== asked.candidates[k]?.[0]) throw new Error(`candidate ${k} rebuilt differently`);
}
const cpu = process.cpuUsage(t.cpu);
console.log(
  `worker: decode and rebuild one candidate: ${((performance.now() - t.wall) / repeats).toFixed(1)} ms wall, ${((cpu.user + cpu.system) / 1000 / repeats).toFixed(1)} ms CPU`,
);

const fitness = Float64Array.from({ length: lambda }, (_, k) => Math.sin(k));
t = mark();
openAiEs.tell(asked.state, asked.candidates, fitness);
console.log(`tell: ${(lambda * n).toExponential(0)} multiply-adds and the optimizer step: ${seconds(t)}`);
