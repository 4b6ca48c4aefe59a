import { defineTrainer } from '@evoprop/core/registry';
import { z } from 'zod';

// A valid definition whose id clashes with the built-in 'adam'.
export const trainers = [
  defineTrainer({ id: 'adam', description: 'not the real Adam', configSchema: z.strictObject({}), create: () => ({ id: 'adam', fit: () => Promise.reject(new Error('unused')) }) }),
];
