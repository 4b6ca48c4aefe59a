import { describe, expect, it } from 'vitest';
import type { Trainer } from '../contract/trainer.js';
import { type ConformanceOptions, trainerConformanceChecks } from './conformance.js';

/**
 * Register the trainer conformance suite with vitest: one `it` per check.
 *
 * @example
 * describeTrainerConformance('my-trainer', () => new MyTrainer({ lr: 0.1 }), { budgets: ['evaluations', 'wallSeconds'] });
 */
export function describeTrainerConformance(name: string, factory: () => Trainer, options: ConformanceOptions): void {
  describe(`${name} conforms to the Trainer contract`, () => {
    for (const check of trainerConformanceChecks(factory, options)) {
      it(check.name, async () => {
        expect(await check.run()).toEqual([]);
      });
    }
  });
}
