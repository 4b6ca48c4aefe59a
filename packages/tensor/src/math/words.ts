// The two 32-bit halves of a float64, as fdlibm reads and writes them (GET_HIGH_WORD, INSERT_WORDS, …).
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// NOTE: typed arrays use the platform's byte order; the high word is the second one on little-endian machines.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** The high word (sign, exponent, top 20 bits of the fraction) of `x`, as a signed 32-bit integer. */
export function highWord(x: number): number {
  f64[0] = x;
  return (u32[HI] as number) | 0;
}

/** The low word (bottom 32 bits of the fraction) of `x`, as an unsigned 32-bit integer. */
export function lowWord(x: number): number {
  f64[0] = x;
  return u32[LO] as number;
}

/** The float64 whose high and low words are `hi` and `lo`. */
export function fromWords(hi: number, lo: number): number {
  u32[HI] = hi >>> 0;
  u32[LO] = lo >>> 0;
  return f64[0] as number;
}

/** `x` with its high word replaced by `hi`. */
export function withHighWord(x: number, hi: number): number {
  f64[0] = x;
  u32[HI] = hi >>> 0;
  return f64[0] as number;
}

/** `x` with its low word replaced by `lo` (fdlibm's SET_LOW_WORD, mostly used to zero the low word). */
export function withLowWord(x: number, lo: number): number {
  f64[0] = x;
  u32[LO] = lo >>> 0;
  return f64[0] as number;
}

const two54 = 1.8014398509481984e16;
const twom54 = 5.551115123125783e-17;

/** `x · 2ⁿ`, rounded once (fdlibm's scalbn: overflow to ±∞, gradual underflow). */
export function scalbn(x: number, n: number): number {
  let hx = highWord(x);
  const lx = lowWord(x);
  let k = (hx & 0x7ff00000) >> 20;
  if (k === 0) {
    if ((lx | (hx & 0x7fffffff)) === 0) return x;
    x *= two54;
    hx = highWord(x);
    k = ((hx & 0x7ff00000) >> 20) - 54;
  }
  if (k === 0x7ff) return x + x;
  k += n;
  if (k > 0x7fe) return x > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (k > 0) return withHighWord(x, (hx & 0x800fffff) | (k << 20));
  if (k <= -54) return x > 0 ? 0 : -0;
  return withHighWord(x, (hx & 0x800fffff) | ((k + 54) << 20)) * twom54;
}
