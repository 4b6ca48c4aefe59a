import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fields of a package.json this check reads. */
export type Manifest = Readonly<{
  name?: string;
  version?: string;
  private?: boolean;
  license?: string;
  type?: string;
  sideEffects?: unknown;
  files?: unknown;
  main?: string;
  types?: string;
  exports?: unknown;
  dependencies?: Readonly<Record<string, string>>;
  peerDependencies?: Readonly<Record<string, string>>;
  packageManager?: string;
  publishConfig?: unknown;
}>;

export type WorkspacePackage = Readonly<{ dir: string; name: string; manifest: Manifest }>;

export class WorkspaceError extends Error {
  override name = 'WorkspaceError';
}

export const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** The monorepo root: the nearest ancestor holding pnpm-workspace.yaml. */
export function repoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new WorkspaceError(`repoRoot: expected pnpm-workspace.yaml above ${from}, found none`);
    dir = parent;
  }
  return dir;
}

/**
 * Every package under `packages/` (discovered by listing the folder, so a new package is
 * checked without touching this tool). Each must have a package.json and a src/index.ts.
 */
export function publishablePackages(root: string = repoRoot()): WorkspacePackage[] {
  const base = join(root, 'packages');
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(base, d.name, 'package.json')))
    .map((d) => {
      const dir = join(base, d.name);
      const manifest = readManifest(dir);
      if (manifest.name === undefined) throw new WorkspaceError(`publishablePackages: expected a name in ${dir}/package.json, found none`);
      return { dir, name: manifest.name, manifest };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The pnpm pinned by the root `packageManager` field, run through npx so nothing needs installing by hand. */
export function pnpmCommand(root: string = repoRoot()): [string, string[]] {
  const pinned = readManifest(root).packageManager;
  if (pinned === undefined || !pinned.startsWith('pnpm@')) {
    throw new WorkspaceError(`pnpmCommand: expected packageManager 'pnpm@<version>' in ${root}/package.json, got '${pinned}'`);
  }
  return ['npx', ['-y', pinned]];
}
