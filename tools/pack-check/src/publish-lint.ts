import { readFileSync } from 'node:fs';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

/** publint's warnings and errors for an installed package (its folder holds exactly the published files). */
export async function publintProblems(installedDir: string): Promise<string[]> {
  const { messages, pkg } = await publint({ pkgDir: installedDir, pack: false, level: 'warning' });
  return messages.map((m) => `${m.type} ${m.code}: ${formatMessage(m, pkg, { color: false }) ?? m.path.join('.')}`);
}

// Our packages are ESM only, so the CommonJS resolution modes are out of scope: attw's `esm-only` profile.
const IGNORED_RESOLUTIONS: ReadonlySet<string> = new Set(['node10', 'node16-cjs']);

/** "Are the types wrong?" problems for a tarball, under node16 ESM and bundler resolution. */
export async function typesProblems(tarball: string): Promise<string[]> {
  const result = await checkPackage(createPackageFromTarballData(new Uint8Array(readFileSync(tarball))));
  if (result.types === false) return [`${result.packageName}: expected bundled types, found none`];
  return result.problems
    .filter((p) => !('resolutionKind' in p) || !IGNORED_RESOLUTIONS.has(p.resolutionKind))
    .map((p) => `${p.kind}: ${JSON.stringify(p)}`);
}
