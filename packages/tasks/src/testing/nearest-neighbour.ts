import type { Split } from '@evoprop/core';

/**
 * 1-nearest-neighbour accuracy of `test` against `train` (Euclidean, flattened inputs). An
 * independent check that inputs and labels stay aligned through sampling, sorting and scaling:
 * misaligned rows drop it to chance.
 */
export function nearestNeighbourAccuracy(train: Split, test: Split): number {
  const n = train.x.shape[0];
  const m = test.x.shape[0];
  const d = train.x.size / n;
  const a = train.x.data;
  const b = test.x.data;
  let correct = 0;
  for (let i = 0; i < m; i++) {
    let best = Number.POSITIVE_INFINITY;
    let label = -1;
    for (let j = 0; j < n; j++) {
      let dist = 0;
      for (let k = 0; k < d && dist < best; k++) {
        const diff = b[i * d + k] - a[j * d + k];
        dist += diff * diff;
      }
      if (dist < best) {
        best = dist;
        label = train.y.data[j];
      }
    }
    if (label === test.y.data[i]) correct++;
  }
  return correct / m;
}
