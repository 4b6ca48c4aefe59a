import { describe, expect, it, vi } from 'vitest';
import { MemeticTrainer } from './memetic/memetic-trainer.js';
import { NeatBackpropTrainer } from './neat-backprop/neat-backprop-trainer.js';

describe('deprecated config names of the hybrids', () => {
  it('evaluateEvery still sets validateEvery, with one deprecation warning per trainer', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    expect(new MemeticTrainer({ validateEvery: 2 }).config.validateEvery).toBe(2);
    expect(new NeatBackpropTrainer({ validateEvery: 2 }).config.validateEvery).toBe(2);
    expect(emit).not.toHaveBeenCalled();
    for (let i = 0; i < 2; i++) {
      expect(new MemeticTrainer({ evaluateEvery: 3 }).config.validateEvery).toBe(3);
      expect(new NeatBackpropTrainer({ evaluateEvery: 5 }).config.validateEvery).toBe(5);
    }
    expect(emit.mock.calls.map((c) => String(c[0]))).toEqual([
      "memetic config: 'evaluateEvery' is deprecated, write 'validateEvery' (the old name still works for now)",
      "neat-backprop config: 'evaluateEvery' is deprecated, write 'validateEvery' (the old name still works for now)",
    ]);
    emit.mockRestore();
  });
});
