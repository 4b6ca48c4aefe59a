// Memory-bound elementwise kernels for the hot ops of training (ReLU, its gradient, and
// add / sub / mul with equal shapes, a scalar, or a bias row). f32 add, sub, mul and max
// round exactly as the plain kernels' float64-then-float32 arithmetic does, so results are
// bit-identical to them, ±0 and infinities included (a NaN stays a NaN, its sign and payload
// unspecified).

/** out[i] = max(x[i], 0) over n floats; NaN stays NaN. */
export function relu(x: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  const end = x + (<usize>(n & ~3) << 2);
  while (x < end) {
    v128.store(out, f32x4.max(v128.load(x), zero));
    x += 16;
    out += 16;
  }
  for (let i = 0; i < (n & 3); i++) {
    const v = load<f32>(x + (<usize>i << 2));
    store<f32>(out + (<usize>i << 2), v > 0 || v != v ? v : 0);
  }
}

/** out[i] = x[i] > 0 ? g[i] : 0 over n floats (the derivative at 0 is 0, as in PyTorch). */
export function reluBackward(x: usize, g: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  const end = x + (<usize>(n & ~3) << 2);
  while (x < end) {
    v128.store(out, v128.and(v128.load(g), f32x4.gt(v128.load(x), zero)));
    x += 16;
    g += 16;
    out += 16;
  }
  for (let i = 0; i < (n & 3); i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, load<f32>(x + o) > 0 ? load<f32>(g + o) : 0);
  }
}

// @ts-ignore: decorator
@inline
function op4(kind: i32, a: v128, b: v128): v128 {
  if (kind == 0) return f32x4.add(a, b);
  if (kind == 1) return f32x4.sub(a, b);
  return f32x4.mul(a, b);
}

// @ts-ignore: decorator
@inline
function op1(kind: i32, a: f32, b: f32): f32 {
  if (kind == 0) return a + b;
  if (kind == 1) return a - b;
  return a * b;
}

// One contiguous run: out[i] = a[i] ∘ b[i] (sb = 4) or a[i] ∘ b[0] (sb = 0).
// @ts-ignore: decorator
@inline
function run(kind: i32, a: usize, b: usize, sb: usize, out: usize, len: i32): void {
  const end = a + (<usize>(len & ~3) << 2);
  const bs = v128.load32_splat(b);
  while (a < end) {
    v128.store(out, op4(kind, v128.load(a), sb == 0 ? bs : v128.load(b)));
    a += 16;
    b += sb << 2;
    out += 16;
  }
  for (let i = 0; i < (len & 3); i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, op1(kind, load<f32>(a + o), load<f32>(b + (sb == 0 ? 0 : o))));
  }
}

/**
 * out = a ∘ b for ∘ = add (kind 0), sub (1) or mul (2). a and out hold n floats; b holds
 * m floats: m = n (same shape), m = 1 (a scalar) or m dividing n (a row broadcast over
 * the n / m rows of a, the bias-add case).
 */
export function binary(kind: i32, a: usize, b: usize, out: usize, n: i32, m: i32): void {
  if (m == n) {
    if (kind == 0) run(0, a, b, 4, out, n);
    else if (kind == 1) run(1, a, b, 4, out, n);
    else run(2, a, b, 4, out, n);
  } else if (m == 1) {
    if (kind == 0) run(0, a, b, 0, out, n);
    else if (kind == 1) run(1, a, b, 0, out, n);
    else run(2, a, b, 0, out, n);
  } else {
    const row = <usize>m << 2;
    for (let o = 0; o < n; o += m) {
      if (kind == 0) run(0, a, b, 4, out, m);
      else if (kind == 1) run(1, a, b, 4, out, m);
      else run(2, a, b, 4, out, m);
      a += row;
      out += row;
    }
  }
}

/**
 * out = a ∘ b where b (m floats) is broadcast in blocks: b[j] applies to runs of `inner`
 * consecutive floats of a, cycling through j = 0 … m−1 (a channel bias over [N, C, H·W]).
 */
export function binaryBlocks(kind: i32, a: usize, b: usize, out: usize, n: i32, m: i32, inner: i32): void {
  const step = <usize>inner << 2;
  let j = 0;
  for (let o = 0; o < n; o += inner) {
    const bj = b + (<usize>j << 2);
    if (kind == 0) run(0, a, bj, 0, out, inner);
    else if (kind == 1) run(1, a, bj, 0, out, inner);
    else run(2, a, bj, 0, out, inner);
    a += step;
    out += step;
    if (++j == m) j = 0;
  }
}
