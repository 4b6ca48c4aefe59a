/**
 * `pnpm bench` in packages/rl: (1) vectorised CartPole steps per second, environment alone;
 * (2) one PPO update of 2,048 steps × 10 epochs (minibatch 64) of 64-64 tanh policy and value
 * networks, evoprop against the same update written in TensorFlow.js on its wasm backend.
 */
import { cartPoleStepsPerSecond } from './env-throughput.js';
import { evopropPpoUpdateSeconds } from './ppo-update-evoprop.js';
import { tfPpoUpdateSeconds } from './ppo-update-tfjs.js';

const seconds = Number(process.env.EVOPROP_BENCH_SECONDS ?? 3);
console.log('## Vectorised CartPole-v1, environment alone (one core)\n');
console.log('| environments | steps/s |');
console.log('| ---: | ---: |');
for (const count of [1, 16, 256, 4096])
  console.log(`| ${count} | ${Math.round(cartPoleStepsPerSecond(count, seconds)).toLocaleString('en-US')} |`);

const repeats = Number(process.env.EVOPROP_BENCH_REPEATS ?? 3);
console.log('\n## One PPO update: 2,048 transitions × 10 epochs, minibatch 64, 64-64 tanh policy and value networks, Adam\n');
const evoprop = await evopropPpoUpdateSeconds(repeats);
const tf = await tfPpoUpdateSeconds(repeats);
console.log(`| implementation | seconds per update (best of ${repeats}) |`);
console.log('| --- | ---: |');
console.log(`| evoprop (js kernels) | ${evoprop.toFixed(3)} |`);
console.log(`| TensorFlow.js 4.22 wasm (SIMD, 1 thread) | ${tf.toFixed(3)} |`);
console.log(`\nevoprop ÷ tfjs-wasm time: ${(evoprop / tf).toFixed(2)} (below 1: evoprop is faster)`);
