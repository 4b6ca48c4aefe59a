// Natural logarithm, fdlibm's e_log.c step by step (Sun Microsystems 1993; the version V8 ran as
// Math.log up to Node 22): x = 2ᵏ·(1+f) with √2/2 < 1+f < √2, s = f/(2+f), and
// log(1+f) = 2s + s·R(s²) with a degree-7 Remez polynomial R (error < 2⁻⁵⁸·⁴⁵).
import { highWord, lowWord, withHighWord } from './words.js';

const ln2Hi = 0.6931471803691238; // 0x3FE62E42 FEE00000
const ln2Lo = 1.9082149292705877e-10; // 0x3DEA39EF 35793C76
const two54 = 1.8014398509481984e16;
const Lg1 = 0.6666666666666735;
const Lg2 = 0.3999999999940942;
const Lg3 = 0.2857142874366239;
const Lg4 = 0.22222198432149784;
const Lg5 = 0.1818357216161805;
const Lg6 = 0.15313837699209373;
const Lg7 = 0.14798198605116586;

/** `ln x`, the same bits on every engine (−∞ at ±0, NaN below 0). */
export function log(x: number): number {
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2⁻¹⁰²²: zero, negative or subnormal
    if (((hx & 0x7fffffff) | lowWord(x)) === 0) return Number.NEGATIVE_INFINITY;
    if (hx < 0) return Number.NaN;
    k -= 54;
    x *= two54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000)); // normalize x or x/2
  k += i >> 20;
  const f = x - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // −2⁻²⁰ ≤ f < 2⁻²⁰
    if (f === 0) return k === 0 ? 0 : dk * ln2Hi + dk * ln2Lo;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - R : dk * ln2Hi - (R - dk * ln2Lo - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * ln2Hi - (hfsq - (s * (hfsq + R) + dk * ln2Lo) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * ln2Hi - (s * (f - R) - dk * ln2Lo - f);
}
