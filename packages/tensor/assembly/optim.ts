// The fused Adam / AdamW update over a flat parameter vector (Kingma & Ba 2015, Algorithm 1,
// p. 2; decoupled decay: Loshchilov & Hutter 2019, Algorithm 2): one pass reads g, m, v (and p
// for decay) and writes m, v and the update, where the plain optimizer chain makes one pass per
// link. It computes in float64 (two lanes), with the plain kernel's operations in the plain
// kernel's order and its float32 roundings after each link, so results are bit-identical to it
// (IEEE float64 arithmetic and square root are exactly rounded in both).

// @ts-ignore: decorator
@inline
function hi(x: v128): v128 {
  return v128.shuffle<i32>(x, x, 2, 3, 2, 3);
}

// @ts-ignore: decorator
@inline
function join(lo: v128, hi: v128): v128 {
  return v128.shuffle<i32>(lo, hi, 0, 1, 4, 5);
}

// Round two float64 lanes to float32 and back (Math.fround).
// @ts-ignore: decorator
@inline
function fround2(x: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(x));
}

/**
 * m ← b1·m + (1−b1)·g;  v ← b2·v + ((1−b2)·g)·g;  u = f32(m / c1 / (√(v / c2) + eps)), then
 * u = f32(u + wd·p) when wd ≠ 0, then out = f32(scale·u) when scale ≠ 1, over n floats;
 * `out` may be `g`; `p` is read only when wd ≠ 0.
 */
export function adam(
  g: usize, m: usize, v: usize, p: usize, out: usize, n: i32,
  b1: f64, b2: f64, eps: f64, c1: f64, c2: f64, wd: f64, scale: f64,
): void {
  const a1 = f64x2.splat(b1);
  const a1c = f64x2.splat(1 - b1);
  const a2 = f64x2.splat(b2);
  const a2c = f64x2.splat(1 - b2);
  const k1 = f64x2.splat(c1);
  const k2 = f64x2.splat(c2);
  const e = f64x2.splat(eps);
  const d = f64x2.splat(wd);
  const s = f64x2.splat(scale);
  const decay = wd != 0;
  const scaled = scale != 1;
  const end = <usize>(n & ~3) << 2;
  for (let o: usize = 0; o < end; o += 16) {
    const g4 = v128.load(g + o);
    const m4 = v128.load(m + o);
    const v4 = v128.load(v + o);
    const p4 = decay ? v128.load(p + o) : g4;
    let mOut = f32x4.splat(0);
    let vOut = f32x4.splat(0);
    let uOut = f32x4.splat(0);
    for (let half = 0; half < 2; half++) {
      const gi = f64x2.promote_low_f32x4(half == 0 ? g4 : hi(g4));
      const mi = f64x2.add(f64x2.mul(a1, f64x2.promote_low_f32x4(half == 0 ? m4 : hi(m4))), f64x2.mul(a1c, gi));
      const vi = f64x2.add(f64x2.mul(a2, f64x2.promote_low_f32x4(half == 0 ? v4 : hi(v4))), f64x2.mul(f64x2.mul(a2c, gi), gi));
      let u = fround2(f64x2.div(f64x2.div(mi, k1), f64x2.add(f64x2.sqrt(f64x2.div(vi, k2)), e)));
      if (decay) u = fround2(f64x2.add(u, f64x2.mul(d, f64x2.promote_low_f32x4(half == 0 ? p4 : hi(p4)))));
      if (scaled) u = f64x2.mul(s, u);
      if (half == 0) {
        mOut = f32x4.demote_f64x2_zero(mi);
        vOut = f32x4.demote_f64x2_zero(vi);
        uOut = f32x4.demote_f64x2_zero(u);
      } else {
        mOut = join(mOut, f32x4.demote_f64x2_zero(mi));
        vOut = join(vOut, f32x4.demote_f64x2_zero(vi));
        uOut = join(uOut, f32x4.demote_f64x2_zero(u));
      }
    }
    v128.store(m + o, mOut);
    v128.store(v + o, vOut);
    v128.store(out + o, uOut);
  }
  for (let o = end; o < (<usize>n << 2); o += 4) {
    const gi = <f64>load<f32>(g + o);
    const mi = b1 * <f64>load<f32>(m + o) + (1 - b1) * gi;
    const vi = b2 * <f64>load<f32>(v + o) + (1 - b2) * gi * gi;
    store<f32>(m + o, <f32>mi);
    store<f32>(v + o, <f32>vi);
    let u = <f64><f32>(mi / c1 / (Math.sqrt(vi / c2) + eps));
    if (decay) u = <f64><f32>(u + wd * <f64>load<f32>(p + o));
    store<f32>(out + o, <f32>(scaled ? scale * u : u));
  }
}
