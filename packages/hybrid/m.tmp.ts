import { MemeticTrainer } from '@evoprop/hybrid';
import { createTask } from '@evoprop/tasks';
import { sequential, Rng } from '@evoprop/tensor';
import { buildModel } from '@evoprop/core';
const task = createTask('names', 0, { samples: 2000 });
console.log(Object.keys(await import('@evoprop/core')).filter(k=>/model|Model/.test(k)).join(' '));
