// The fused Adam / AdamW update over a flat parameter vector (Kingma & Ba 2015, Algorithm 1,
// p. 2; decoupled decay: Loshchilov & Hutter 2019, Algorithm 2): one pass reads g, m, v (and p
// for decay) and writes m, v and the update, where the plain kernels make one pass per link of
// the optimizer chain. f32 arithmetic in PyTorch's order — (lr/c1)·m / (√v/√c2 + ε) — so it
// agrees with the plain kernel (float64 arithmetic) to float32 rounding, not bit for bit.

/**
 * m ← b1·m + b1c·g;  v ← b2·v + b2c·g²;  out = step·m / (√v·rc2 + eps) + decay·p over n floats,
 * where the caller passes b1c = 1 − b1, b2c = 1 − b2, step = scale / c1, rc2 = 1 / √c2 and
 * decay = scale·wd computed in float64 (1 − b2 from a float32 b2 would lose 13 bits).
 * `out` may be `g`; `p` is read only when decay ≠ 0.
 */
export function adam(
  g: usize, m: usize, v: usize, p: usize, out: usize, n: i32,
  b1: f32, b1c: f32, b2: f32, b2c: f32, eps: f32, step: f32, rc2: f32, decay: f32,
): void {
  const a1 = f32x4.splat(b1);
  const a1c = f32x4.splat(b1c);
  const a2 = f32x4.splat(b2);
  const a2c = f32x4.splat(b2c);
  const s = f32x4.splat(step);
  const r = f32x4.splat(rc2);
  const e = f32x4.splat(eps);
  const d = f32x4.splat(decay);
  const end = <usize>(n & ~3) << 2;
  for (let o: usize = 0; o < end; o += 16) {
    const gi = v128.load(g + o);
    const mi = f32x4.add(f32x4.mul(a1, v128.load(m + o)), f32x4.mul(a1c, gi));
    const vi = f32x4.add(f32x4.mul(a2, v128.load(v + o)), f32x4.mul(a2c, f32x4.mul(gi, gi)));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    let u = f32x4.div(f32x4.mul(s, mi), f32x4.add(f32x4.mul(f32x4.sqrt(vi), r), e));
    if (decay != 0) u = f32x4.add(u, f32x4.mul(d, v128.load(p + o)));
    v128.store(out + o, u);
  }
  for (let o = end; o < (<usize>n << 2); o += 4) {
    const gi = load<f32>(g + o);
    const mi = b1 * load<f32>(m + o) + b1c * gi;
    const vi = b2 * load<f32>(v + o) + b2c * (gi * gi);
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    let u = (step * mi) / (sqrt<f32>(vi) * rc2 + eps);
    if (decay != 0) u += decay * load<f32>(p + o);
    store<f32>(out + o, u);
  }
}
