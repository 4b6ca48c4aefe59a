/**
 * NEAT on XOR as in Stanley & Miikkulainen 2002, section 4.2 (p. 112–113): 100 runs,
 * population 150, sigmoid nodes only. Paper: 4,755 evaluations on average (sd 2,553,
 * worst 13,459), 0 failures, 2.35 hidden nodes, 7.48 enabled connections.
 *
 *   node --conditions=@evoprop/source --import tsx bench/neat-xor-paper.ts [runs] [maxGenerations]
 */
import { neatConfig, runXor } from '../src/neat/index.js';

const runs = Number(process.argv[2] ?? 100);
const maxGenerations = Number(process.argv[3] ?? 300);
const config = neatConfig('paper');
const results = [];
const t0 = performance.now();
for (let seed = 0; seed < runs; seed++) results.push(runXor(config, seed, maxGenerations));
const seconds = (performance.now() - t0) / 1000;
const solved = results.filter((r) => r.solved);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const evals = solved.map((r) => r.evaluations);
const m = mean(evals);
const sd = Math.sqrt(mean(evals.map((e) => (e - m) ** 2)));
console.log(`XOR, ${runs} seeds, population ${config.populationSize}, cap ${maxGenerations} generations (${seconds.toFixed(1)} s wall)`);
console.log(`failures           ${runs - solved.length}   (paper: 0)`);
console.log(`mean evaluations   ${m.toFixed(0)}  sd ${sd.toFixed(0)}  worst ${Math.max(...evals)}   (paper: 4755, sd 2553, worst 13459)`);
console.log(`mean generations   ${mean(solved.map((r) => r.generations)).toFixed(1)}   (paper: 32)`);
console.log(`hidden nodes       ${mean(solved.map((r) => r.hiddenNodes)).toFixed(2)}   (paper: 2.35)`);
console.log(`enabled conns      ${mean(solved.map((r) => r.enabledConnections)).toFixed(2)}   (paper: 7.48)`);
