import { describe, expect, it } from 'vitest';
import { ClosureError, workspaceClosure } from './closure.js';
import type { WorkspacePackage } from './workspace.js';

const pkg = (name: string, deps: Record<string, string> = {}): WorkspacePackage => ({
  dir: `/ws/${name}`,
  name,
  manifest: { name, dependencies: deps },
});
const workspace = [
  pkg('@evoprop/tensor', { seedrandom: '3.0.5' }),
  pkg('@evoprop/core', { '@evoprop/tensor': '^0.1.0', zod: '4.6.7' }),
  pkg('@evoprop/backprop', { '@evoprop/core': '^0.1.0', '@evoprop/tensor': '^0.1.0' }),
  pkg('@evoprop/tasks', { '@evoprop/core': '^0.1.0' }),
];

describe('workspaceClosure', () => {
  it('follows @evoprop dependencies transitively and leaves third-party ones to npm', () => {
    expect(workspaceClosure(['@evoprop/tensor'], workspace)).toEqual(['@evoprop/tensor']);
    expect(workspaceClosure(['@evoprop/backprop'], workspace)).toEqual(['@evoprop/backprop', '@evoprop/core', '@evoprop/tensor']);
  });

  it('leaves out workspace packages nothing depends on', () => {
    expect(workspaceClosure(['@evoprop/core'], workspace)).not.toContain('@evoprop/tasks');
    expect(workspaceClosure(['@evoprop/backprop', '@evoprop/tasks'], workspace)).toEqual([
      '@evoprop/backprop',
      '@evoprop/core',
      '@evoprop/tasks',
      '@evoprop/tensor',
    ]);
  });

  it('fails naming the dependent when an @evoprop dependency is not in the workspace', () => {
    const broken = [...workspace, pkg('@evoprop/x', { '@evoprop/missing': '^1.0.0' })];
    expect(() => workspaceClosure(['@evoprop/x'], broken)).toThrow(ClosureError);
    expect(() => workspaceClosure(['@evoprop/x'], broken)).toThrow("@evoprop/x needs '@evoprop/missing'");
  });
});
