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

export function jsMaxPool2d(x: Float32Array, images: number, g: WindowGeometry, out: Float32Array, argmax: Int32Array): void {
  const { channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  recordFlops(images * channels * outH * outW * kernelH * kernelW);
  const planes = images * channels;
  let o = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = pl * height * width;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, o++) {
        let best = -Infinity;
        let at = -1;
        for (let ki = 0; ki < kernelH; ki++) {
          const ih = oh * strideH - padH + ki * dilationH;
          if (ih < 0 || ih >= height) continue;
          for (let kj = 0; kj < kernelW; kj++) {
            const iw = ow * strideW - padW + kj * dilationW;
            if (iw < 0 || iw >= width) continue;
            const i = base + ih * width + iw;
            const v = x[i];
            if (v > best || at < 0 || v !== v) {
              best = v;
              at = i;
              if (v !== v) break;
            }
          }
        }
        out[o] = best;
        argmax[o] = at;
      }
    }
  }
}

export function jsAvgPool2d(x: Float32Array, images: number, g: WindowGeometry, out: Float32Array): void {
  const { channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  recordFlops(images * channels * outH * outW * kernelH * kernelW);
  const inv = 1 / (kernelH * kernelW);
  const planes = images * channels;
  let o = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = pl * height * width;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, o++) {
        let s = 0;
        for (let ki = 0; ki < kernelH; ki++) {
          const ih = oh * strideH - padH + ki * dilationH;
          if (ih < 0 || ih >= height) continue;
          for (let kj = 0; kj < kernelW; kj++) {
            const iw = ow * strideW - padW + kj * dilationW;
            if (iw >= 0 && iw < width) s += x[base + ih * width + iw];
          }
        }
        out[o] = s * inv;
      }
    }
  }
}

export function jsAvgPool2dBackward(gOut: Float32Array, images: number, g: WindowGeometry, dx: Float32Array): void {
  const { channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  recordFlops(images * channels * outH * outW * kernelH * kernelW);
  const inv = 1 / (kernelH * kernelW);
  const planes = images * channels;
  let o = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = pl * height * width;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, o++) {
        const v = gOut[o] * inv;
        for (let ki = 0; ki < kernelH; ki++) {
          const ih = oh * strideH - padH + ki * dilationH;
          if (ih < 0 || ih >= height) continue;
          for (let kj = 0; kj < kernelW; kj++) {
            const iw = ow * strideW - padW + kj * dilationW;
            if (iw >= 0 && iw < width) dx[base + ih * width + iw] += v;
          }
        }
      }
    }
  }
}
