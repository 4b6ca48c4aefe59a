import { describe, expect, it } from 'vitest';
import type { Trainer } from '../contract/trainer.js';
import { type ConformanceOptions, defaultConformanceTimeoutMs, trainerConformanceChecks } from './conformance.js';

/**
 * Register the trainer conformance suite with vitest: one `it` per check. Each `it` gets a
 * timeout above the suite's own (`options.timeoutMs` per fit, at most three fits per check),
 * so a hanging trainer fails with the suite's message rather than vitest's bare 5 s timeout.
 *
 * @example
 * describeTrainerConformance('my-trainer', () => new MyTrainer({ lr: 0.1 }), { budgets: ['evaluations', 'wallSeconds'] });
 */
export function describeTrainerConformance(name: string, factory: () => Trainer, options: ConformanceOptions): void {
  const timeout = 4 * (options.timeoutMs ?? defaultConformanceTimeoutMs) + 10_000;
  describe(`${name} conforms to the Trainer contract`, () => {
    for (const check of trainerConformanceChecks(factory, options)) {
      it(
        check.name,
        async () => {
          expect(await check.run()).toEqual([]);
        },
        timeout,
      );
    }
  });
}
