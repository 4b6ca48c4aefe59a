import type { WorkspacePackage } from './workspace.js';

export class ClosureError extends Error {
  override name = 'ClosureError';
}

/**
 * The workspace packages one must install to use `names`: the names themselves and every
 * `@evoprop/*` package reachable through their `dependencies` (npm cannot fetch those from
 * the registry during the check, so their tarballs go in too). Sorted; nothing else.
 */
export function workspaceClosure(names: readonly string[], packages: readonly WorkspacePackage[]): string[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const seen = new Set<string>();
  const visit = (name: string, from: string): void => {
    if (seen.has(name)) return;
    const pkg = byName.get(name);
    if (pkg === undefined)
      throw new ClosureError(`workspaceClosure: ${from} needs '${name}', expected a package under packages/, found none`);
    seen.add(name);
    for (const dep of Object.keys(pkg.manifest.dependencies ?? {})) if (dep.startsWith('@evoprop/')) visit(dep, name);
  };
  for (const name of names) visit(name, 'the consumer');
  return [...seen].sort();
}
