// im2col and col2im for conv2d: one image's [channels, height, width] unrolled into the
// column matrix [channels·kernelH·kernelW, outH·outW] that one gemm multiplies by the
// weights, and back. Data movement, and col2im adds in the plain kernel's order, so results
// are identical to the plain kernels'.

// ⌈a / b⌉ for b > 0 (i32 division truncates toward zero, which is the ceiling for a ≤ 0).
// @ts-ignore: decorator
@inline
function ceilDiv(a: i32, b: i32): i32 {
  return a > 0 ? (a + b - 1) / b : a / b;
}

// @ts-ignore: decorator
@inline
function zero(dst: usize, count: i32): void {
  for (let i = 0; i < count; i++) store<f32>(dst + (<usize>i << 2), 0);
}

/** Unroll the image at `x` into `col` (see the geometry of the kernel set's `im2col`). */
export function im2col(
  x: usize, channels: i32, height: i32, width: i32, kernelH: i32, kernelW: i32, strideH: i32, strideW: i32,
  padH: i32, padW: i32, dilationH: i32, dilationW: i32, outH: i32, outW: i32, col: usize,
): void {
  let dst = col;
  for (let c = 0; c < channels; c++) {
    const plane = x + (<usize>(c * height * width) << 2);
    for (let ki = 0; ki < kernelH; ki++) {
      for (let kj = 0; kj < kernelW; kj++) {
        // Output columns whose input column ow·strideW − padW + kOff lies inside [0, width).
        const kOff = kj * dilationW;
        const lo = max(0, ceilDiv(padW - kOff, strideW));
        const hi = max(lo, min(outW, max(0, ceilDiv(width + padW - kOff, strideW))));
        for (let oh = 0; oh < outH; oh++, dst += <usize>outW << 2) {
          const ih = oh * strideH - padH + ki * dilationH;
          if (ih < 0 || ih >= height) {
            zero(dst, outW);
            continue;
          }
          zero(dst, lo);
          const src = plane + (<usize>(ih * width - padW + kOff) << 2);
          if (strideW == 1) {
            let ow = lo;
            for (; ow + 4 <= hi; ow += 4) v128.store(dst + (<usize>ow << 2), v128.load(src + (<usize>ow << 2)));
            for (; ow < hi; ow++) store<f32>(dst + (<usize>ow << 2), load<f32>(src + (<usize>ow << 2)));
          } else {
            for (let ow = lo; ow < hi; ow++) store<f32>(dst + (<usize>ow << 2), load<f32>(src + (<usize>(ow * strideW) << 2)));
          }
          zero(dst + (<usize>hi << 2), outW - hi);
        }
      }
    }
  }
}

/** The adjoint of im2col: add `col` back into the image at `dx`, in the plain kernel's order. */
export function col2im(
  col: usize, channels: i32, height: i32, width: i32, kernelH: i32, kernelW: i32, strideH: i32, strideW: i32,
  padH: i32, padW: i32, dilationH: i32, dilationW: i32, outH: i32, outW: i32, dx: usize,
): void {
  let src = col;
  for (let c = 0; c < channels; c++) {
    const plane = dx + (<usize>(c * height * width) << 2);
    for (let ki = 0; ki < kernelH; ki++) {
      for (let kj = 0; kj < kernelW; kj++) {
        const kOff = kj * dilationW;
        const lo = max(0, ceilDiv(padW - kOff, strideW));
        const hi = max(lo, min(outW, max(0, ceilDiv(width + padW - kOff, strideW))));
        for (let oh = 0; oh < outH; oh++, src += <usize>outW << 2) {
          const ih = oh * strideH - padH + ki * dilationH;
          if (ih < 0 || ih >= height) continue;
          const dst = plane + (<usize>(ih * width - padW + kOff) << 2);
          if (strideW == 1) {
            let ow = lo;
            for (; ow + 4 <= hi; ow += 4) {
              const o = <usize>ow << 2;
              v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
            }
            for (; ow < hi; ow++) {
              const o = <usize>ow << 2;
              store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
            }
          } else {
            for (let ow = lo; ow < hi; ow++) {
              const d = dst + (<usize>(ow * strideW) << 2);
              store<f32>(d, load<f32>(d) + load<f32>(src + (<usize>ow << 2)));
            }
          }
        }
      }
    }
  }
}

/**
 * Max pooling over `planes` planes of height×width at `x` into `out`, with the flat input index
 * of each window's first maximum (−1 if the window is all padding) in `argmax` (i32): the plain
 * kernel's loop, comparisons only, so results are identical to it (a NaN wins its window).
 */
export function maxPool2d(
  x: usize, planes: i32, height: i32, width: i32, kernelH: i32, kernelW: i32, strideH: i32, strideW: i32,
  padH: i32, padW: i32, dilationH: i32, dilationW: i32, outH: i32, outW: i32, out: usize, argmax: usize,
): void {
  let o: usize = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = pl * height * width;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, o += 4) {
        let best = -Infinity as f32;
        let at = -1;
        for (let ki = 0; ki < kernelH; ki++) {
          const ih = oh * strideH - padH + ki * dilationH;
          if (ih < 0 || ih >= height) continue;
          for (let kj = 0; kj < kernelW; kj++) {
            const iw = ow * strideW - padW + kj * dilationW;
            if (iw < 0 || iw >= width) continue;
            const i = base + ih * width + iw;
            const v = load<f32>(x + (<usize>i << 2));
            if (v > best || at < 0 || v != v) {
              best = v;
              at = i;
              if (v != v) break; // as the plain kernel: this row ends, later rows still look
            }
          }
        }
        store<f32>(out + o, best);
        store<i32>(argmax + o, at);
      }
    }
  }
}
