import { describe, expect, it } from 'vitest';
import { defaultRunTimeoutSeconds, parseRunTimeout } from './run-timeout.js';

describe('run timeouts', () => {
  it('derive the default from the budget: 10 × wallSeconds + 60 s, else 1 h or 1 s per 10 MFLOP', () => {
    expect(defaultRunTimeoutSeconds({ wallSeconds: 30, flops: 1e12 })).toBe(360);
    expect(defaultRunTimeoutSeconds({ evaluations: 5e7 })).toBe(3600);
    expect(defaultRunTimeoutSeconds({ flops: 2e6 })).toBe(3600);
    expect(defaultRunTimeoutSeconds({ flops: 2e11 })).toBe(20_000);
  });

  it('parse seconds with an optional unit, or none; anything else is undefined', () => {
    expect(['600', '90s', '1.5m', '2h', 'none'].map(parseRunTimeout)).toEqual([600, 90, 90, 7200, null]);
    expect(['0', '-5', 'soon', '10d', ''].map(parseRunTimeout)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
