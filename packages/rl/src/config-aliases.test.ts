import { describe, expect, it, vi } from 'vitest';
import { parsePpoConfig } from './ppo/config.js';
import { parseReinforceConfig } from './reinforce/config.js';

describe('deprecated config names of the RL trainers', () => {
  it('evaluateEvery still sets validateEvery, with one deprecation warning per trainer', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    expect(parsePpoConfig({ validateEvery: 4 }).validateEvery).toBe(4);
    expect(emit).not.toHaveBeenCalled();
    for (let i = 0; i < 2; i++) {
      expect(parsePpoConfig({ evaluateEvery: 4 }).validateEvery).toBe(4);
      expect(parseReinforceConfig({ evaluateEvery: 5 }).validateEvery).toBe(5);
    }
    expect(emit.mock.calls.map((c) => String(c[0]))).toEqual([
      "ppo config: 'evaluateEvery' is deprecated, write 'validateEvery' (the old name still works for now)",
      "reinforce config: 'evaluateEvery' is deprecated, write 'validateEvery' (the old name still works for now)",
    ]);
    emit.mockRestore();
  });
});
