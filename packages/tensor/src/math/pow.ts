// x ** y, fdlibm's e_pow.c step by step (Sun Microsystems 1993; V8's Math.pow and `**` up to
// Node 22): log2|x| in two pieces t1 + t2 (t1 with 29 trailing zero bits), y·log2|x| = n + y′
// with |y′| ≤ 0.5 in simulated extra precision, then 2ⁿ·exp(y′·ln2). Nearly correctly rounded;
// pow(integer, integer) is exact when representable.
import { fromWords, highWord, lowWord, scalbn, withHighWord, withLowWord } from './words.js';

const two53 = 9007199254740992;
const dpH = [0, 0.5849624872207642]; // log2(1.5) high
const dpL = [0, 1.350039202129749e-8]; // log2(1.5) low
const bp = [1, 1.5];
const L1 = 0.5999999999999946; // Remez coefficients of (3/2)·(log(x) − 2s − (2/3)s³)
const L2 = 0.4285714285785502;
const L3 = 0.33333332981837743;
const L4 = 0.272728123808534;
const L5 = 0.23066074577556175;
const L6 = 0.20697501780033842;
const P1 = 0.16666666666666602;
const P2 = -0.0027777777777015593;
const P3 = 0.00006613756321437934;
const P4 = -0.0000016533902205465252;
const P5 = 4.1381367970572385e-8;
const lg2 = Math.LN2;
const lg2H = 0.6931471824645996;
const lg2L = -1.904654299957768e-9;
const ovt = 8.008566259537294e-17; // −(1024 − log2(overflow + ½ulp))
const cp = 0.9617966939259756; // 2/(3·ln2)
const cpH = 0.9617967009544373;
const cpL = -7.028461650952758e-9;
const ivln2 = Math.LOG2E;
const ivln2H = 1.4426950216293335;
const ivln2L = 1.9259629911266175e-8;
const huge = 1e300;
const tiny = 1e-300;

/** `x ** y`, the same bits on every engine (ECMAScript's special cases: `1 ** NaN` is NaN). */
export function pow(x: number, y: number): number {
  const hx = highWord(x);
  const lx = lowWord(x);
  const hy = highWord(y);
  const ly = lowWord(y);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) return 1; // x ** ±0 = 1
  if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lx !== 0) || iy > 0x7ff00000 || (iy === 0x7ff00000 && ly !== 0)) return x + y;

  // Whether y is an integer when x < 0: 0 not one, 1 odd, 2 even.
  let yIsInt = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) yIsInt = 2;
    else if (iy >= 0x3ff00000) {
      const k = (iy >> 20) - 0x3ff;
      if (k > 20) {
        const j = ly >>> (52 - k);
        if ((j << (52 - k)) >>> 0 === ly) yIsInt = 2 - (j & 1);
      } else if (ly === 0) {
        const j = iy >> (20 - k);
        if (j << (20 - k) === iy) yIsInt = 2 - (j & 1);
      }
    }
  }

  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y = ±∞
      if (((ix - 0x3ff00000) | lx) === 0) return y - y; // (±1) ** ±∞ is NaN
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0; // |x| > 1
      return hy < 0 ? -y : 0; // |x| < 1
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x; // y = ±1
    if (hy === 0x40000000) return x * x; // y = 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y = 0.5, x ≥ +0 (sqrt is correctly rounded everywhere)
  }

  let ax = Math.abs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    // x is ±0, ±∞ or ±1
    let z = hy < 0 ? 1 / ax : ax;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yIsInt) === 0)
        z = Number.NaN; // (−1) ** non-integer
      else if (yIsInt === 1) z = -z;
    }
    return z;
  }

  let n = (hx >> 31) + 1;
  if ((n | yIsInt) === 0) return Number.NaN; // (x < 0) ** non-integer
  const s = (n | (yIsInt - 1)) === 0 ? -1 : 1; // (negative) ** (odd integer)

  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2³¹
    if (iy > 0x43f00000) {
      // |y| > 2⁶⁴: must overflow or underflow
      if (ix <= 0x3fefffff) return hy < 0 ? huge * huge : tiny * tiny;
      if (ix >= 0x3ff00000) return hy > 0 ? huge * huge : tiny * tiny;
    }
    if (ix < 0x3fefffff) return hy < 0 ? s * huge * huge : s * tiny * tiny;
    if (ix > 0x3ff00000) return hy > 0 ? s * huge * huge : s * tiny * tiny;
    // |1 − x| ≤ 2⁻²⁰: log(x) by x − x²/2 + x³/3 − x⁴/4
    const t = ax - 1;
    const w = t * t * (0.5 - t * (0.3333333333333333 - t * 0.25));
    const u = ivln2H * t;
    const v = t * ivln2L - w * ivln2;
    t1 = withLowWord(u + v, 0);
    t2 = v - (t1 - u);
  } else {
    n = 0;
    if (ix < 0x00100000) {
      // subnormal x
      ax *= two53;
      n -= 53;
      ix = highWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    ix = j | 0x3ff00000; // normalize
    let k = 0;
    if (j <= 0x3988e)
      k = 0; // |x| < √(3/2)
    else if (j < 0xbb67a)
      k = 1; // |x| < √3
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = withHighWord(ax, ix);

    // ss = sH + sL = (x − 1)/(x + 1) or (x − 1.5)/(x + 1.5)
    let u = ax - (bp[k] as number);
    let v = 1 / (ax + (bp[k] as number));
    const ss = u * v;
    const sH = withLowWord(ss, 0);
    let tH = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0);
    let tL = ax - (tH - (bp[k] as number));
    const sL = v * (u - sH * tH - sH * tL);
    // log(ax)
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = withLowWord(3 + s2 + r, 0);
    tL = r - (tH - 3 - s2);
    // u + v = ss·(1 + …)
    u = sH * tH;
    v = sL * tH + tL * ss;
    // 2/(3·ln2)·(ss + …)
    const pH = withLowWord(u + v, 0);
    const pL = v - (pH - u);
    const zH = cpH * pH;
    const zL = cpL * pH + pL * cp + (dpL[k] as number);
    // log2(ax) = (ss + …)·2/(3·ln2) = n + dpH + zH + zL
    const t = n;
    t1 = withLowWord(zH + zL + (dpH[k] as number) + t, 0);
    t2 = zL - (t1 - t - (dpH[k] as number) - zH);
  }

  // (y1 + y2)·(t1 + t2), y split into y1 + y2
  const y1 = withLowWord(y, 0);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  let j = highWord(z);
  const i0 = lowWord(z);
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | i0) !== 0) return s * huge * huge;
    if (pL + ovt > z - pH) return s * huge * huge;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075
    if (((j - 0xc090cc00) | i0) !== 0) return s * tiny * tiny;
    if (pL <= z - pH) return s * tiny * tiny;
  }

  // 2 ** (pH + pL)
  const i = j & 0x7fffffff;
  let k = (i >> 20) - 0x3ff;
  n = 0;
  if (i > 0x3fe00000) {
    // |z| > 0.5: n = [z + 0.5]
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = withLowWord(pL + pH, 0);
  const u = t * lg2H;
  const v = (pL - (t - pH)) * lg2 + t * lg2L;
  z = u + v;
  const w = v - (z - u);
  const tt = z * z;
  const tt1 = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const r = (z * tt1) / (tt1 - 2 - (w + z * w));
  z = 1 - (r - z);
  j = highWord(z);
  j += n << 20;
  if (j >> 20 <= 0)
    z = scalbn(z, n); // subnormal result
  else z = withHighWord(z, highWord(z) + (n << 20));
  return s * z;
}
