import { describe, expect, it } from 'vitest';
import { countByPackage, parseUndocumented } from './undocumented.js';

const output = [
  '$ typedoc',
  '\x1b[93m[warning]\x1b[0m @evoprop/core.Budget.__type.flops (Property), defined in @evoprop/core/src/contract/budget.ts, does not have any documentation',
  '\x1b[93m[warning]\x1b[0m @evoprop/evolution.NeatTrainer.fit.__type.model (Property), defined in @evoprop/core/src/contract/trainer.ts, does not have any documentation',
  '\x1b[93m[warning]\x1b[0m @evoprop/hybrid.PbtTrainer.id (Property), defined in @evoprop/hybrid/src/pbt/pbt-trainer.ts, does not have any documentation',
  '\x1b[93m[warning]\x1b[0m Found 0 errors and 3 warnings',
].join('\n');

describe('parseUndocumented', () => {
  it('reads symbol, kind and the declaring package and file of each warning', () => {
    expect(parseUndocumented(output)).toEqual([
      { symbol: '@evoprop/core.Budget.__type.flops', kind: 'Property', definedIn: '@evoprop/core', file: 'src/contract/budget.ts' },
      {
        symbol: '@evoprop/evolution.NeatTrainer.fit.__type.model',
        kind: 'Property',
        definedIn: '@evoprop/core',
        file: 'src/contract/trainer.ts',
      },
      { symbol: '@evoprop/hybrid.PbtTrainer.id', kind: 'Property', definedIn: '@evoprop/hybrid', file: 'src/pbt/pbt-trainer.ts' },
    ]);
  });

  it('finds nothing in a clean run', () => {
    expect(parseUndocumented('$ typedoc\n')).toEqual([]);
  });
});

describe('countByPackage', () => {
  it('counts by the package that declares the symbol, most first', () => {
    expect(countByPackage(parseUndocumented(output))).toEqual({ '@evoprop/core': 2, '@evoprop/hybrid': 1 });
  });
});
