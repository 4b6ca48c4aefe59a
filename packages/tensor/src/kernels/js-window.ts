import { recordFlops } from '../cost/flop-meter.js';
import type { WindowGeometry } from './kernels.js';

/** The output columns ow whose input column ow·s − p + kOff lies inside [0, size). */
function validRange(out: number, stride: number, pad: number, kOff: number, size: number): [number, number] {
  // ow·s − p + kOff ≥ 0  ⇔  ow ≥ (p − kOff)/s;   ow·s − p + kOff < size  ⇔  ow < (size + p − kOff)/s
  const lo = Math.max(0, Math.ceil((pad - kOff) / stride));
  const hi = Math.min(out, Math.max(0, Math.ceil((size + pad - kOff) / stride)));
  return [lo, Math.max(lo, hi)];
}

export function jsIm2col(x: Float32Array, offset: number, g: WindowGeometry, col: Float32Array): void {
  const { channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  const L = outH * outW;
  let row = 0;
  for (let c = 0; c < channels; c++) {
    const plane = offset + c * height * width;
    for (let ki = 0; ki < kernelH; ki++) {
      for (let kj = 0; kj < kernelW; kj++, row++) {
        const [lo, hi] = validRange(outW, strideW, padW, kj * dilationW, width);
        const colRow = row * L;
        for (let oh = 0; oh < outH; oh++) {
          const ih = oh * strideH - padH + ki * dilationH;
          const base = colRow + oh * outW;
          if (ih < 0 || ih >= height) {
            col.fill(0, base, base + outW);
            continue;
          }
          if (lo > 0) col.fill(0, base, base + lo);
          const src = plane + ih * width - padW + kj * dilationW;
          if (strideW === 1) {
            for (let ow = lo; ow < hi; ow++) col[base + ow] = x[src + ow];
          } else {
            for (let ow = lo; ow < hi; ow++) col[base + ow] = x[src + ow * strideW];
          }
          if (hi < outW) col.fill(0, base + hi, base + outW);
        }
      }
    }
  }
}

export function jsCol2im(col: Float32Array, g: WindowGeometry, dx: Float32Array, offset: number): void {
  const { channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  const L = outH * outW;
  recordFlops(channels * kernelH * kernelW * L);
  let row = 0;
  for (let c = 0; c < channels; c++) {
    const plane = offset + c * height * width;
    for (let ki = 0; ki < kernelH; ki++) {
      for (let kj = 0; kj < kernelW; kj++, row++) {
        const [lo, hi] = validRange(outW, strideW, padW, kj * dilationW, width);
        const colRow = row * L;
        for (let oh = 0; oh < outH; oh++) {
          const ih = oh * strideH - padH + ki * dilationH;
          if (ih < 0 || ih >= height) continue;
          const base = colRow + oh * outW;
          const dst = plane + ih * width - padW + kj * dilationW;
          for (let ow = lo; ow < hi; ow++) dx[dst + ow * strideW] += col[base + ow];
        }
      }
    }
  }
}

/**
 * The in-bounds input offsets of every pooling window of one plane, in the order the loops read
 * them (kernel row ki, then column kj): window p = oh·outW + ow holds `offset[start[p] ..
 * start[p + 1])`, and `rowEnd[k]` is one past the last entry of entry k's kernel row (max pooling
 * stops reading a row at a NaN). Every plane of every image shares these windows.
 */
function planeWindows(g: WindowGeometry): { start: Int32Array; offset: Int32Array; rowEnd: Int32Array } {
  const { height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  const start = new Int32Array(outH * outW + 1);
  const offset: number[] = [];
  const rowEnd: number[] = [];
  let p = 0;
  for (let oh = 0; oh < outH; oh++) {
    for (let ow = 0; ow < outW; ow++, p++) {
      start[p] = offset.length;
      for (let ki = 0; ki < kernelH; ki++) {
        const ih = oh * strideH - padH + ki * dilationH;
        if (ih < 0 || ih >= height) continue;
        const row = offset.length;
        for (let kj = 0; kj < kernelW; kj++) {
          const iw = ow * strideW - padW + kj * dilationW;
          if (iw >= 0 && iw < width) offset.push(ih * width + iw);
        }
        for (let k = row; k < offset.length; k++) rowEnd.push(offset.length);
      }
    }
  }
  start[p] = offset.length;
  return { start, offset: Int32Array.from(offset), rowEnd: Int32Array.from(rowEnd) };
}

/** Charge a pooling call's FLOPs and give its windows, with the plane count and size to walk them by. */
function poolWindows(images: number, g: WindowGeometry) {
  const { channels, height, width, kernelH, kernelW, outH, outW } = g;
  recordFlops(images * channels * outH * outW * kernelH * kernelW);
  return { ...planeWindows(g), windows: outH * outW, planes: images * channels, planeSize: height * width };
}

export function jsMaxPool2d(x: Float32Array, images: number, g: WindowGeometry, out: Float32Array, argmax: Int32Array): void {
  const { start, offset, rowEnd, windows, planes, planeSize } = poolWindows(images, g);
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * planeSize;
    for (let p = 0; p < windows; p++, o++) {
      let best = -Infinity;
      let at = -1;
      for (let k = start[p]; k < start[p + 1]; k++) {
        const i = base + offset[k];
        const v = x[i];
        if (v > best || at < 0 || v !== v) {
          best = v;
          at = i;
          // A NaN wins its window; the rest of its kernel row is not read.
          if (v !== v) k = rowEnd[k] - 1;
        }
      }
      out[o] = best;
      argmax[o] = at;
    }
  }
}

export function jsAvgPool2d(x: Float32Array, images: number, g: WindowGeometry, out: Float32Array): void {
  const { start, offset, windows, planes, planeSize } = poolWindows(images, g);
  const inv = 1 / (g.kernelH * g.kernelW);
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * planeSize;
    for (let p = 0; p < windows; p++, o++) {
      let s = 0;
      for (let k = start[p]; k < start[p + 1]; k++) s += x[base + offset[k]];
      out[o] = s * inv;
    }
  }
}

export function jsAvgPool2dBackward(gOut: Float32Array, images: number, g: WindowGeometry, dx: Float32Array): void {
  const { start, offset, windows, planes, planeSize } = poolWindows(images, g);
  const inv = 1 / (g.kernelH * g.kernelW);
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * planeSize;
    for (let p = 0; p < windows; p++, o++) {
      const v = gOut[o] * inv;
      for (let k = start[p]; k < start[p + 1]; k++) dx[base + offset[k]] += v;
    }
  }
}
