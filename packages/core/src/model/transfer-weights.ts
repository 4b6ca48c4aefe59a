import type { Model } from './model.js';

/** What {@link transferWeights} did. */
export type TransferReport = Readonly<{
  /** Names of the weights and buffers copied. */
  copied: readonly string[];
  /** Entries left alone, each with the reason. */
  skipped: readonly Readonly<{
    /** The entry's name. */
    name: string;
    /** Why it was not copied (missing on one side, shape mismatch, excluded). */
    why: string;
  }>[];
}>;

/**
 * Copy the weights (and buffers) that `target` shares with `source` by name and
 * shape: the first step of fine-tuning a pretrained trunk under a new head. Entries
 * only one side has, or whose shapes differ, are reported in `skipped`.
 *
 * @example
 * const report = transferWeights(pretrained, fresh, { include: (name) => !name.startsWith('head.') });
 * fresh.params.setTrainable(report.copied, false); // freeze what was transferred
 */
export function transferWeights(
  source: Model,
  target: Model,
  options: Readonly<{ include?: (name: string) => boolean }> = {},
): TransferReport {
  const include = options.include ?? (() => true);
  const copied: string[] = [];
  const skipped: { name: string; why: string }[] = [];
  const pairs = [
    [source.params, target.params],
    ...(source.buffers !== undefined && target.buffers !== undefined ? [[source.buffers, target.buffers] as const] : []),
  ] as const;
  for (const [from, to] of pairs) {
    for (const e of to.entries) {
      if (!include(e.name)) continue;
      const match = from.entries.find((x) => x.name === e.name);
      if (match === undefined) skipped.push({ name: e.name, why: 'not in the source' });
      else if (match.shape.length !== e.shape.length || match.shape.some((d, i) => d !== e.shape[i])) {
        skipped.push({ name: e.name, why: `shape [${match.shape.join(', ')}] in the source, [${e.shape.join(', ')}] in the target` });
      } else {
        to.get(e.name).data.set(from.get(e.name).data);
        copied.push(e.name);
      }
    }
  }
  return { copied, skipped };
}
