/**
 * Compatibility distance (Stanley & Miikkulainen 2002, p. 109–110, eq. 1):
 * δ = c1·E/N + c2·D/N + c3·W̄, where E and D count excess and disjoint genes, W̄ is
 * the mean weight difference of matching genes (disabled ones included), and N is
 * the gene count of the larger genome, "set to 1 if both genomes are small, i.e.,
 * consist of fewer than 20 genes" (p. 110).
 */
import type { NeatConfig } from './config.js';
import type { ConnectionGene, Genome } from './genome.js';

/** How two genomes' connection genes line up (p. 108–109). */
export type DistanceParts = Readonly<{
  /** Genes beyond the other genome's last innovation number. */
  excess: number;
  /** Unmatched genes within the other genome's innovation range. */
  disjoint: number;
  /** Mean |weight difference| of the matching genes (disabled ones included); 0 when none match. */
  meanWeightDifference: number;
  /** Genes with the same innovation number in both. */
  matching: number;
}>;

/** Align two genomes' connection genes by innovation number (both sorted). */
export function geneAlignment(a: Genome, b: Genome): DistanceParts {
  const ca = a.connections;
  const cb = b.connections;
  let i = 0;
  let j = 0;
  let disjoint = 0;
  let matching = 0;
  let weightDiff = 0;
  while (i < ca.length && j < cb.length) {
    const x = ca[i] as ConnectionGene;
    const y = cb[j] as ConnectionGene;
    if (x.innovation === y.innovation) {
      matching++;
      weightDiff += Math.abs(x.weight - y.weight);
      i++;
      j++;
    } else if (x.innovation < y.innovation) {
      disjoint++;
      i++;
    } else {
      disjoint++;
      j++;
    }
  }
  const excess = ca.length - i + (cb.length - j);
  return { excess, disjoint, meanWeightDifference: matching === 0 ? 0 : weightDiff / matching, matching };
}

/** δ = c1·E/N + c2·D/N + c3·W̄ between two genomes under `config.compatibility` (p. 109, eq. 1). */
export function compatibilityDistance(a: Genome, b: Genome, config: NeatConfig): number {
  const { c1, c2, c3, normalizeFromGenes } = config.compatibility;
  const { excess, disjoint, meanWeightDifference } = geneAlignment(a, b);
  const larger = Math.max(a.connections.length, b.connections.length);
  const n = larger < normalizeFromGenes ? 1 : larger;
  return (c1 * excess) / n + (c2 * disjoint) / n + c3 * meanWeightDifference;
}
