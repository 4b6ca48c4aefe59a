import { Tensor } from '@evoprop/tensor';

/** Rows `order[start..end)` of a batch-major tensor, copied into a new tensor. */
export function gatherRows(x: Tensor, order: Int32Array, start: number, end: number): Tensor {
  const row = x.size / (x.shape[0] as number);
  const out = new Float32Array((end - start) * row);
  for (let i = start; i < end; i++) {
    const r = order[i] as number;
    out.set(x.data.subarray(r * row, (r + 1) * row), (i - start) * row);
  }
  return new Tensor(out, [end - start, ...x.shape.slice(1)]);
}

/** Number of rows whose argmax over the last axis equals the class index target. */
export function countCorrect(logits: Tensor, target: Tensor): number {
  const classes = logits.shape[logits.rank - 1] as number;
  const rows = target.size;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestValue = -Infinity;
    for (let c = 0; c < classes; c++) {
      const v = logits.data[r * classes + c] as number;
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    if (best === target.data[r]) correct++;
  }
  return correct;
}

export const identityOrder = (n: number): Int32Array => {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return p;
};
