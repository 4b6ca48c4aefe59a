// @evoprop/tasks: every playground data set, Iris, a sequence task and a cart-pole episode, by id and seed.
import { createControlTask, createSupervisedTask, playEpisode } from '@evoprop/tasks';
import { setKernels } from '@evoprop/tensor';
import { type Digest, fingerprint } from '../digest.js';

/** The bytes of each task's splits for one seed, and a cart-pole episode under a fixed controller. */
export async function run(): Promise<Digest> {
  setKernels('wasm', { threads: 1, fma: false });
  const out: Record<string, unknown> = {};
  for (const id of ['circles', 'xor-quadrants', 'blobs', 'spirals', 'moons', 'iris', 'adding']) {
    const task = createSupervisedTask(id, 7, id === 'iris' || id === 'adding' ? {} : { samples: 300, noise: 0.1 });
    out[id] = [task.train, task.validation, task.test].map((s) => `${fingerprint(s.x.data)}/${fingerprint(s.y.data)}`);
  }
  const cartPole = createControlTask('cart-pole', 3);
  const episode = playEpisode(cartPole, (obs) => ((obs[2] ?? 0) + 0.3 * (obs[3] ?? 0) > 0 ? 1 : 0), 0);
  out.cartPole = { steps: episode.steps, return: episode.return };
  return out;
}
