import { ShapeError, type Tensor, result } from '@evoprop/tensor';

function lastAxis(op: string, x: Tensor): [rows: number, cols: number] {
  if (x.rank < 1) throw new ShapeError(op, 'a tensor of rank ≥ 1', 'a scalar');
  const cols = x.shape[x.rank - 1] as number;
  return [cols === 0 ? 0 : x.size / cols, cols];
}

/** Softmax over the last axis, shifted by the row maximum so large logits do not overflow. */
export function softmax(x: Tensor): Tensor {
  const [rows, cols] = lastAxis('softmax', x);
  const out = new Float32Array(x.size);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let m = -Infinity;
    for (let c = 0; c < cols; c++) m = Math.max(m, x.data[o + c] as number);
    let s = 0;
    for (let c = 0; c < cols; c++) {
      const e = Math.exp((x.data[o + c] as number) - m);
      out[o + c] = e;
      s += e;
    }
    for (let c = 0; c < cols; c++) out[o + c] = (out[o + c] as number) / s;
  }
  return result('softmax', out, x.shape, [x], (g) => {
    // dx = y ⊙ (g − ⟨g, y⟩) per row
    const gx = new Float32Array(x.size);
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += (g[o + c] as number) * (out[o + c] as number);
      for (let c = 0; c < cols; c++) gx[o + c] = (out[o + c] as number) * ((g[o + c] as number) - dot);
    }
    return [gx];
  });
}

/** log(softmax(x)) over the last axis, computed as x − logsumexp(x) (stable). */
export function logSoftmax(x: Tensor): Tensor {
  const [rows, cols] = lastAxis('logSoftmax', x);
  const out = new Float32Array(x.size);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let m = -Infinity;
    for (let c = 0; c < cols; c++) m = Math.max(m, x.data[o + c] as number);
    let s = 0;
    for (let c = 0; c < cols; c++) s += Math.exp((x.data[o + c] as number) - m);
    const lse = m + Math.log(s);
    for (let c = 0; c < cols; c++) out[o + c] = (x.data[o + c] as number) - lse;
  }
  return result('logSoftmax', out, x.shape, [x], (g) => {
    // dx = g − softmax ⊙ Σg
    const gx = new Float32Array(x.size);
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let total = 0;
      for (let c = 0; c < cols; c++) total += g[o + c] as number;
      for (let c = 0; c < cols; c++) gx[o + c] = (g[o + c] as number) - Math.exp(out[o + c] as number) * total;
    }
    return [gx];
  });
}
