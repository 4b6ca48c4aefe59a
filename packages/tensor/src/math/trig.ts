// Sine and cosine, fdlibm's s_sin.c / s_cos.c with their kernels k_sin.c, k_cos.c and the
// argument reduction e_rem_pio2.c (Sun Microsystems 1993; V8's Math.sin and Math.cos up to Node
// 22): x = n·π/2 + (y₀ + y₁) with |y₀| ≤ π/4, then a degree-13 (sin) or 14 (cos) polynomial.
import { fromWords, highWord } from './words.js';

const C1 = 0.0416666666666666;
const C2 = -0.001388888888887411;
const C3 = 0.00002480158728947673;
const C4 = -2.7557314351390663e-7;
const C5 = 2.087572321298175e-9;
const C6 = -1.1359647557788195e-11;
const S1 = -0.16666666666666632;
const S2 = 0.00833333333332249;
const S3 = -0.0001984126982985795;
const S4 = 0.0000027557313707070068;
const S5 = -2.5050760253406863e-8;
const S6 = 1.58969099521155e-10;

/** cos(x + y) for |x| ≤ π/4, y the tail of x (k_cos.c). */
function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && (x | 0) === 0) return 1; // |x| < 2⁻²⁷
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  // NOTE k_cos.c: 1 − qx and x²/2 − qx are exact, which keeps the subtraction accurate.
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0);
  return 1 - qx - (0.5 * z - qx - (z * r - x * y));
}

/** sin(x + y) for |x| ≤ π/4, y the tail of x; `tail` false means y is 0 (k_sin.c). */
function kernelSin(x: number, y: number, tail: boolean): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && (x | 0) === 0) return x; // |x| < 2⁻²⁷
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (!tail) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

const invpio2 = 0.6366197723675814;
const pio2_1 = 1.5707963267341256; // first 33 bits of π/2
const pio2_1t = 6.077100506506192e-11; // π/2 − pio2_1
const pio2_2 = 6.077100506303966e-11; // second 33 bits
const pio2_2t = 2.0222662487959506e-21;
const pio2_3 = 2.0222662487111665e-21; // third 33 bits
const pio2_3t = 8.4784276603689e-32;
// High words of n·π/2 for n = 1…32: where x is this close to a multiple, cancellation needs more bits.
const npio2hw = [
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a, 0x402f6a7a, 0x4031475c,
  0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a, 0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c,
  0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac, 0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
];

/** Largest |x| reduced here (2¹⁹·π/2); beyond it fdlibm switches to Payne–Hanek, which is not ported. */
export const TRIG_PORTABLE_LIMIT: number = fromWords(0x413921fb, 0xffffffff);

const y = [0, 0];
/** n mod 4 with x = n·π/2 + y[0] + y[1], for π/4 < |x| ≤ 2¹⁹·π/2 (e_rem_pio2.c). */
function remPio2(x: number, ix: number, hx: number): number {
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1
    const sign = hx > 0 ? 1 : -1;
    let z = x - sign * pio2_1;
    if (ix !== 0x3ff921fb) {
      y[0] = z - sign * pio2_1t;
      y[1] = z - (y[0] as number) - sign * pio2_1t;
    } else {
      // near π/2: 33 + 33 + 53 bits of π
      z -= sign * pio2_2;
      y[0] = z - sign * pio2_2t;
      y[1] = z - (y[0] as number) - sign * pio2_2t;
    }
    return sign;
  }
  const t0 = Math.abs(x);
  const n = (t0 * invpio2 + 0.5) | 0;
  const fn = n;
  let r = t0 - fn * pio2_1;
  let w = fn * pio2_1t; // first round, good to 85 bits
  if (n < 32 && ix !== npio2hw[n - 1]) {
    y[0] = r - w;
  } else {
    const j = ix >> 20;
    y[0] = r - w;
    let i = j - ((highWord(y[0] as number) >> 20) & 0x7ff);
    if (i > 16) {
      // second round, good to 118 bits
      let t = r;
      w = fn * pio2_2;
      r = t - w;
      w = fn * pio2_2t - (t - r - w);
      y[0] = r - w;
      i = j - ((highWord(y[0] as number) >> 20) & 0x7ff);
      if (i > 49) {
        // third round, 151 bits: covers every case
        t = r;
        w = fn * pio2_3;
        r = t - w;
        w = fn * pio2_3t - (t - r - w);
        y[0] = r - w;
      }
    }
  }
  y[1] = r - (y[0] as number) - w;
  if (hx < 0) {
    y[0] = -(y[0] as number);
    y[1] = -(y[1] as number);
    return -n;
  }
  return n;
}

/**
 * `cos x`, the same bits on every engine for |x| ≤ {@link TRIG_PORTABLE_LIMIT}; larger arguments
 * fall back to the engine's `Math.cos` (their reduction needs 1,200 bits of 2/π, not ported).
 */
export function cos(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0);
  if (ix >= 0x7ff00000) return x - x;
  if (ix > 0x413921fb) return Math.cos(x);
  switch (remPio2(x, ix, hx) & 3) {
    case 0:
      return kernelCos(y[0] as number, y[1] as number);
    case 1:
      return -kernelSin(y[0] as number, y[1] as number, true);
    case 2:
      return -kernelCos(y[0] as number, y[1] as number);
    default:
      return kernelSin(y[0] as number, y[1] as number, true);
  }
}

/** `sin x`, the same bits on every engine for |x| ≤ {@link TRIG_PORTABLE_LIMIT} (beyond: `Math.sin`). */
export function sin(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, false);
  if (ix >= 0x7ff00000) return x - x;
  if (ix > 0x413921fb) return Math.sin(x);
  switch (remPio2(x, ix, hx) & 3) {
    case 0:
      return kernelSin(y[0] as number, y[1] as number, true);
    case 1:
      return kernelCos(y[0] as number, y[1] as number);
    case 2:
      return -kernelSin(y[0] as number, y[1] as number, true);
    default:
      return -kernelCos(y[0] as number, y[1] as number);
  }
}
