import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bareImports, undeclaredImports } from './imports.js';

describe('bareImports', () => {
  it("finds static, re-export, side-effect, type and dynamic imports; drops relative paths, built-ins and the package's own #imports", () => {
    const source = [
      "import { z } from 'zod';",
      "import * as t from '@evoprop/tensor';",
      "export { Params } from '@evoprop/core/params';",
      "import type { Model } from '@evoprop/core';",
      "import 'side-effect';",
      "const w = await import('tinypool');",
      "import { readFileSync } from 'node:fs';",
      "import { join } from 'path';",
      "import { x } from './x.js';",
      "import { evaluationPool } from '#threads';",
      'import {\n  a,\n  b,\n} from "multi-line";',
    ].join('\n');
    expect(bareImports(source)).toEqual(['@evoprop/core', '@evoprop/tensor', 'multi-line', 'side-effect', 'tinypool', 'zod']);
  });
});

describe('undeclaredImports', () => {
  it('names the file and the package that the manifest does not declare', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evoprop-imports-'));
    try {
      mkdirSync(join(dir, 'dist', 'sub'), { recursive: true });
      writeFileSync(join(dir, 'dist', 'index.js'), "import { z } from 'zod';\nexport * from './sub/a.js';\n");
      writeFileSync(join(dir, 'dist', 'sub', 'a.js'), "import { tasks } from '@evoprop/tasks';\nexport const a = 1;\n");
      const manifest = { name: '@evoprop/example', dependencies: { zod: '4.0.0' } };
      expect(undeclaredImports(dir, manifest)).toEqual([`dist${'/'}sub/a.js: @evoprop/tasks`]);
      expect(undeclaredImports(dir, { ...manifest, dependencies: { zod: '4.0.0', '@evoprop/tasks': '^0.1.0' } })).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
