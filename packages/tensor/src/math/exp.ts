// Exponential, fdlibm's e_exp.c step by step (Sun Microsystems 1993; V8's Math.exp): x = k·ln2 + r
// with |r| ≤ ln2/2 (r kept as hi − lo), exp(r) from a degree-5 Remez fit of r·(eʳ+1)/(eʳ−1)
// (error ≤ 2⁻⁵⁹), then scaled by 2ᵏ. Error < 1 ulp.
import { fromWords, highWord, lowWord } from './words.js';

const oThreshold = 709.782712893384;
const uThreshold = -745.1332191019411;
const ln2Hi = 0.6931471803691238; // 0x3FE62E42 FEE00000
const ln2Lo = 1.9082149292705877e-10; // 0x3DEA39EF 35793C76
const invln2 = Math.LOG2E; // 1/ln2, 0x3FF71547 652B82FE
const P1 = 0.16666666666666602;
const P2 = -0.0027777777777015593;
const P3 = 0.00006613756321437934;
const P4 = -0.0000016533902205465252;
const P5 = 4.1381367970572385e-8;
const twom1000 = 9.332636185032189e-302;
const two1023 = 8.98846567431158e307;

/** `eˣ`, the same bits on every engine. */
export function exp(x: number): number {
  let hx = highWord(x);
  const negative = hx < 0;
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    // |x| ≥ 709.78…: non-finite, overflow or underflow
    if (hx >= 0x7ff00000) return ((hx & 0xfffff) | lowWord(x)) !== 0 ? x + x : negative ? 0 : x;
    if (x > oThreshold) return Number.POSITIVE_INFINITY;
    if (x < uThreshold) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2
    if (hx < 0x3ff0a2b2) {
      // and |x| < 3·ln2/2
      // NOTE: V8 returns Math.E for exp(1); the reduction below gets its last bit wrong.
      if (x === 1) return Math.E;
      hi = negative ? x + ln2Hi : x - ln2Hi;
      lo = negative ? -ln2Lo : ln2Lo;
      k = negative ? -1 : 1;
    } else {
      k = (invln2 * x + (negative ? -0.5 : 0.5)) | 0;
      hi = x - k * ln2Hi; // exact: k·ln2Hi has few bits
      lo = k * ln2Lo;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2⁻²⁸
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) return k === 1024 ? y * 2 * two1023 : y * fromWords(0x3ff00000 + (k << 20), 0);
  return y * fromWords(0x3ff00000 + ((k + 1000) << 20), 0) * twom1000;
}
