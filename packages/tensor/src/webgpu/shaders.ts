// WGSL compute shaders of the WebGPU backend. Every shader binds a read-only `meta` array of
// u32 (sizes, element offsets into the bound buffers, strides, and f32 values as bit patterns)
// at binding 0, and its tensors as f32 arrays at bindings 1, 2, ... Offsets travel in `meta`
// rather than as binding offsets, because a view can start at every element while binding
// offsets must be multiples of 256 bytes. Index buffers (labels, argmax) are f32 arrays of
// whole numbers, exact below 2²⁴.

/** Threads per workgroup of the one-dimensional shaders. */
export const WORKGROUP = 64;

const prelude = (buffers: number): string => {
  let s = '@group(0) @binding(0) var<storage, read> prm: array<u32>;\n';
  for (let i = 1; i <= buffers; i++) s += `@group(0) @binding(${i}) var<storage, read_write> b${i}: array<f32>;\n`;
  return `${s}
fn mu(i: u32) -> u32 { return prm[i]; }
fn mf(i: u32) -> f32 { return bitcast<f32>(prm[i]); }
fn tid(id: vec3<u32>, nw: vec3<u32>) -> u32 { return id.x + id.y * nw.x * ${WORKGROUP}u; }
// NOTE: a constant −∞ or NaN is a WGSL compile error; a variable's bits are not constant.
fn negInf() -> f32 { var bits = 0xff800000u; return bitcast<f32>(bits); }
fn nan_() -> f32 { var bits = 0x7fc00000u; return bitcast<f32>(bits); }
`;
};

/** A one-dimensional shader over `meta[0]` threads: `body` sees the thread index `i`. */
const oneD = (buffers: number, body: string, helpers = ''): string => `${prelude(buffers)}${helpers}
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let i = tid(id, nw);
  if (i >= mu(0u)) { return; }
${body}
}
`;

// NOTE: WGSL's tanh may return NaN for large |x| on some drivers; this form cannot overflow.
const mathHelpers = `
fn tanh_(v: f32) -> f32 {
  let e = exp(-2.0 * abs(v));
  return sign(v) * (1.0 - e) / (1.0 + e);
}
fn sigmoid_(v: f32) -> f32 {
  if (v >= 0.0) { return 1.0 / (1.0 + exp(-v)); }
  let e = exp(v);
  return e / (1.0 + e);
}
fn log1p_(v: f32) -> f32 {
  // log(1 + v) without losing v ≪ 1 (Goldberg's trick)
  let u = 1.0 + v;
  if (u == 1.0) { return v; }
  return log(u) * v / (u - 1.0);
}
fn expm1_(v: f32) -> f32 {
  if (abs(v) < 1e-3) { return v + 0.5 * v * v + v * v * v / 6.0; }
  return exp(v) - 1.0;
}
// erf by Abramowitz & Stegun 7.1.26 (|error| ≤ 1.5e-7, below float32 resolution near 1).
fn erf_(x: f32) -> f32 {
  let z = abs(x);
  let t = 1.0 / (1.0 + 0.3275911 * z);
  let y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * exp(-z * z);
  return sign(x) * y;
}
fn pow_(a: f32, b: f32) -> f32 {
  // JavaScript's a ** b for negative a and whole b (WGSL's pow is undefined for a < 0).
  if (b == 0.0) { return 1.0; }
  if (a >= 0.0) { return pow(a, b); }
  if (b != floor(b)) { return nan_(); }
  let r = pow(-a, b);
  if (abs(b % 2.0) == 1.0) { return -r; }
  return r;
}
`;

const UNARY: Readonly<Record<string, string>> = {
  neg: '-v',
  exp: 'exp(v)',
  log: 'log(v)',
  tanh: 'tanh_(v)',
  relu: 'max(v, 0.0)',
  sigmoid: 'sigmoid_(v)',
  sqrt: 'sqrt(v)',
  abs: 'abs(v)',
  square: 'v * v',
  leakyRelu: 'select(alpha * v, v, v > 0.0)',
  elu: 'select(alpha * expm1_(v), v, v > 0.0)',
  gelu: '0.5 * v * (1.0 + erf_(v * 0.70710678118654752))',
  geluTanh: '0.5 * v * (1.0 + tanh_(0.79788456080286536 * (v + 0.044715 * v * v * v)))',
  softplus: 'max(v, 0.0) + log1p_(exp(-abs(v)))',
};

/** out = f(x). meta: n, offX, offOut, alpha. b1 x, b2 out. */
export const unaryShader = (kind: string): string =>
  oneD(2, `  let v = b1[mu(1u) + i]; let alpha = mf(3u);\n  b2[mu(2u) + i] = ${UNARY[kind]};`, mathHelpers);

const UNARY_BACKWARD: Readonly<Record<string, string>> = {
  neg: '-g',
  exp: 'g * y',
  log: 'g / v',
  tanh: 'g * (1.0 - y * y)',
  relu: 'select(0.0, g, v > 0.0)',
  sigmoid: 'g * y * (1.0 - y)',
  sqrt: '(0.5 * g) / y',
  abs: 'select(select(0.0, -g, v < 0.0), g, v > 0.0)',
  square: '2.0 * g * v',
  leakyRelu: 'select(alpha * g, g, v > 0.0)',
  elu: 'select(g * (y + alpha), g, v > 0.0)',
  gelu: 'g * (0.5 * (1.0 + erf_(v * 0.70710678118654752)) + v * 0.39894228040143268 * exp(-0.5 * v * v))',
  geluTanh:
    'g * (0.5 * (1.0 + tanh_(0.79788456080286536 * (v + 0.044715 * v * v * v))) + 0.5 * v * (1.0 - tanh_(0.79788456080286536 * (v + 0.044715 * v * v * v)) * tanh_(0.79788456080286536 * (v + 0.044715 * v * v * v))) * 0.79788456080286536 * (1.0 + 3.0 * 0.044715 * v * v))',
  softplus: 'g * sigmoid_(v)',
};

/** out = g·f'(x) given y = f(x). meta: n, offX, offY, offG, offOut, alpha. */
export const unaryBackwardShader = (kind: string): string =>
  oneD(
    4,
    `  let v = b1[mu(1u) + i]; let y = b2[mu(2u) + i]; let g = b3[mu(3u) + i]; let alpha = mf(5u);\n  b4[mu(4u) + i] = ${UNARY_BACKWARD[kind]};`,
    mathHelpers,
  );

const BINARY: Readonly<Record<string, string>> = {
  add: 'p + q',
  sub: 'p - q',
  mul: 'p * q',
  div: 'p / q',
  pow: 'pow_(p, q)',
  maximum: 'max(p, q)',
  minimum: 'min(p, q)',
  equal: 'select(0.0, 1.0, p == q)',
  greater: 'select(0.0, 1.0, p > q)',
  greaterEqual: 'select(0.0, 1.0, p >= q)',
  less: 'select(0.0, 1.0, p < q)',
  lessEqual: 'select(0.0, 1.0, p <= q)',
};

// Broadcast indexing: meta[H] = rank R, then the output shape (R), then R strides per operand
// (0 on broadcast dimensions). `bcast(k, i)` is the element of operand k for output element i.
const broadcastHelpers = (operands: number, header: number): string => `
fn bcast(k: u32, i: u32) -> u32 {
  let r = mu(${header}u);
  var rem = i;
  var at = 0u;
  for (var d = i32(r) - 1; d >= 0; d--) {
    let size = mu(${header + 1}u + u32(d));
    let c = rem % size;
    rem = rem / size;
    at += c * mu(${header + 1}u + r * (k + 1u) + u32(d));
  }
  return at;
}
const OPERANDS: u32 = ${operands}u;
`;

/** out = f(a, b) broadcast. meta: n, offA, offB, offOut, then the broadcast header at 4. */
export const binaryShader = (kind: string): string =>
  oneD(
    3,
    `  let p = b1[mu(1u) + bcast(0u, i)]; let q = b2[mu(2u) + bcast(1u, i)];\n  b3[mu(3u) + i] = ${BINARY[kind]};`,
    mathHelpers + broadcastHelpers(2, 4),
  );

/** out = c ≠ 0 ? a : b broadcast. meta: n, offC, offA, offB, offOut, header at 5. */
export const whereShader = (): string =>
  oneD(
    4,
    '  let c = b1[mu(1u) + bcast(0u, i)]; let p = b2[mu(2u) + bcast(1u, i)]; let q = b3[mu(3u) + bcast(2u, i)];\n  b4[mu(4u) + i] = select(q, p, c != 0.0);',
    broadcastHelpers(3, 5),
  );

/**
 * Gradients of pow / maximum / minimum over the broadcast shape. meta: n, offA, offB, offY,
 * offG, offGa, offGb, wantA, wantB, header at 9. b1 a, b2 b, b3 y, b4 g, b5 ga, b6 gb.
 */
export const binaryBackwardShader = (kind: 'pow' | 'maximum' | 'minimum'): string => {
  const body =
    kind === 'pow'
      ? `  let ga = select(g * q * pow_(p, q - 1.0), 0.0, q == 0.0);
  let gb = select(g * b3[mu(3u) + i] * log(p), 0.0, p == 0.0);`
      : `  _ = &b3; // y is unused here, but the auto layout must keep its binding
  let d = ${kind === 'maximum' ? '1.0' : '-1.0'} * (p - q);
  let wx = select(select(0.5, 0.0, d < 0.0), 1.0, d > 0.0);
  let ga = g * wx;
  let gb = g * (1.0 - wx);`;
  return oneD(
    6,
    `  let p = b1[mu(1u) + bcast(0u, i)]; let q = b2[mu(2u) + bcast(1u, i)]; let g = b4[mu(4u) + i];
${body}
  if (mu(7u) == 1u) { b5[mu(5u) + i] = ga; }
  if (mu(8u) == 1u) { b6[mu(6u) + i] = gb; }`,
    mathHelpers + broadcastHelpers(2, 9),
  );
};

/** out = min(max(x, lo), hi). meta: n, offX, offOut, lo, hi. */
export const clampShader = (): string => oneD(2, '  b2[mu(2u) + i] = min(max(b1[mu(1u) + i], mf(3u)), mf(4u));');

/** s = value. meta: n, offS, value. */
export const fillShader = (): string => oneD(1, '  b1[mu(1u) + i] = mf(2u);');

/** into += from. meta: n, offInto, offFrom. */
export const accumulateShader = (): string => oneD(2, '  b1[mu(1u) + i] = b1[mu(1u) + i] + b2[mu(2u) + i];');

/** running = (1 − m)·running + m·batch·scale. meta: n, offRunning, offBatch, m, scale. */
export const movingAverageShader = (): string =>
  oneD(2, '  let m = mf(3u);\n  b1[mu(1u) + i] = (1.0 - m) * b1[mu(1u) + i] + m * b2[mu(2u) + i] * mf(4u);');

/**
 * Strided gather / scatter / scatterAdd. meta: n, offStrided (+ the op's offset), offDense, rank,
 * shape (rank), strides (rank). b1 strided, b2 dense. With `serial`, one thread walks every
 * element in order (for scatterAdd onto overlapping positions, which parallel threads would race on).
 */
export const stridedShader = (mode: 'gather' | 'scatter' | 'scatterAdd', serial: boolean): string => {
  const at = `
fn stridedAt(i: u32) -> u32 {
  let r = mu(3u);
  var rem = i;
  var at = mu(1u);
  for (var d = i32(r) - 1; d >= 0; d--) {
    let size = mu(4u + u32(d));
    let c = rem % size;
    rem = rem / size;
    at += c * mu(4u + r + u32(d));
  }
  return at;
}
`;
  const step =
    mode === 'gather'
      ? 'b2[mu(2u) + j] = b1[stridedAt(j)];'
      : mode === 'scatter'
        ? 'b1[stridedAt(j)] = b2[mu(2u) + j];'
        : 'let s = stridedAt(j); b1[s] = b1[s] + b2[mu(2u) + j];';
  const body = serial ? `  if (i != 0u) { return; }\n  for (var j = 0u; j < mu(0u); j++) { ${step} }` : `  let j = i;\n  ${step}`;
  return oneD(2, body, at);
};

/**
 * Reduction over axes, one thread per output element. meta: outN, offX, offOut, offArg, kind
 * (0 sum, 1 max, 2 min), wantArg, keptRank, reducedRank, reducedCount, then kept sizes and
 * strides (keptRank each), then reduced sizes and strides (reducedRank each). b1 x, b2 out, b3 arg.
 */
export const reduceShader = (): string =>
  oneD(
    3,
    `  let kr = mu(6u); let rr = mu(7u); let count = mu(8u);
  let K = 9u; let R = 9u + 2u * kr;
  var rem = i;
  var base = mu(1u);
  for (var d = i32(kr) - 1; d >= 0; d--) {
    let size = mu(K + u32(d));
    base += (rem % size) * mu(K + kr + u32(d));
    rem = rem / size;
  }
  let kind = mu(4u);
  var acc = 0.0;
  var best = 0.0;
  var at = 0u;
  for (var p = 0u; p < count; p++) {
    var r2 = p;
    var off = base;
    for (var d = i32(rr) - 1; d >= 0; d--) {
      let size = mu(R + u32(d));
      off += (r2 % size) * mu(R + rr + u32(d));
      r2 = r2 / size;
    }
    let v = b1[off];
    if (kind == 0u) {
      acc += v;
    } else if (p == 0u) {
      best = v; at = off;
    } else {
      // NaN wins, as in the plain kernels (v != v is NaN).
      let better = select((v < best), (v > best), kind == 1u);
      if (better || (v != v && best == best)) { best = v; at = off; }
    }
  }
  if (kind == 0u) { b2[mu(2u) + i] = acc; } else {
    b2[mu(2u) + i] = best;
    if (mu(5u) == 1u) { b3[mu(3u) + i] = f32(at - mu(1u)); }
  }`,
  );

/**
 * Softmax or log-softmax over the middle axis of [outer, dim, inner], one thread per (outer,
 * inner). meta: outer·inner, offX, offOut, dim, inner, log. b1 x, b2 out.
 */
export const softmaxShader = (): string =>
  oneD(
    2,
    `  let dim = mu(3u); let inner = mu(4u);
  let base = (i / inner) * dim * inner + (i % inner);
  let x0 = mu(1u) + base; let o0 = mu(2u) + base;
  var m = negInf();
  for (var p = 0u; p < dim; p++) { m = max(m, b1[x0 + p * inner]); }
  if (m == negInf()) { m = 0.0; }
  var s = 0.0;
  for (var p = 0u; p < dim; p++) { s += exp(b1[x0 + p * inner] - m); }
  if (mu(5u) == 1u) {
    let lse = m + log(s);
    for (var p = 0u; p < dim; p++) { b2[o0 + p * inner] = b1[x0 + p * inner] - lse; }
  } else {
    let inv = 1.0 / s;
    for (var p = 0u; p < dim; p++) { b2[o0 + p * inner] = exp(b1[x0 + p * inner] - m) * inv; }
  }`,
  );

/** Gradient of softmax / log-softmax. meta: outer·inner, offY, offG, offOut, dim, inner, log. b1 y, b2 g, b3 out. */
export const softmaxBackwardShader = (): string =>
  oneD(
    3,
    `  let dim = mu(4u); let inner = mu(5u);
  let base = (i / inner) * dim * inner + (i % inner);
  let y0 = mu(1u) + base; let g0 = mu(2u) + base; let o0 = mu(3u) + base;
  var s = 0.0;
  if (mu(6u) == 1u) {
    for (var p = 0u; p < dim; p++) { s += b2[g0 + p * inner]; }
    for (var p = 0u; p < dim; p++) { b3[o0 + p * inner] = b2[g0 + p * inner] - exp(b1[y0 + p * inner]) * s; }
  } else {
    for (var p = 0u; p < dim; p++) { s += b2[g0 + p * inner] * b1[y0 + p * inner]; }
    for (var p = 0u; p < dim; p++) { b3[o0 + p * inner] = b1[y0 + p * inner] * (b2[g0 + p * inner] - s); }
  }`,
  );

/**
 * Tiled matrix product C (m×n) = op(A)·op(B) (+ C with accumulate), 16×16 tiles in workgroup
 * memory. Transposition is resolved when a tile is loaded, so the four variants share the
 * inner loop. meta: m, n, k, accumulate, offA, offB, offC. b1 A, b2 B, b3 C.
 */
export const gemmShader = (transA: boolean, transB: boolean): string => `${prelude(3)}
const T: u32 = 16u;
var<workgroup> As: array<array<f32, 16>, 16>;
var<workgroup> Bs: array<array<f32, 16>, 16>;
@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) l: vec3<u32>, @builtin(workgroup_id) w: vec3<u32>) {
  let M = mu(0u); let N = mu(1u); let K = mu(2u);
  let offA = mu(4u); let offB = mu(5u); let offC = mu(6u);
  let row = w.y * T + l.y;
  let col = w.x * T + l.x;
  // The tile's first row and column, for loading transposed operands along contiguous memory.
  let row0 = w.y * T; let col0 = w.x * T;
  var sum = 0.0;
  let tiles = (K + T - 1u) / T;
  for (var t = 0u; t < tiles; t++) {
    let k0 = t * T;
    ${
      transA
        ? `// A stored k×m: thread (y, x) loads A[k0 + y, row0 + x] into As[x][y].
    let ak = k0 + l.y; let am = row0 + l.x;
    var av = 0.0;
    if (ak < K && am < M) { av = b1[offA + ak * M + am]; }
    As[l.x][l.y] = av;`
        : `let ak = k0 + l.x;
    var av = 0.0;
    if (row < M && ak < K) { av = b1[offA + row * K + ak]; }
    As[l.y][l.x] = av;`
    }
    ${
      transB
        ? `// B stored n×k: thread (y, x) loads B[col0 + y, k0 + x] into Bs[x][y].
    let bn = col0 + l.y; let bk = k0 + l.x;
    var bv = 0.0;
    if (bn < N && bk < K) { bv = b2[offB + bn * K + bk]; }
    Bs[l.x][l.y] = bv;`
        : `let bk = k0 + l.y;
    var bv = 0.0;
    if (bk < K && col < N) { bv = b2[offB + bk * N + col]; }
    Bs[l.y][l.x] = bv;`
    }
    workgroupBarrier();
    for (var q = 0u; q < T; q++) { sum += As[l.y][q] * Bs[q][l.x]; }
    workgroupBarrier();
  }
  if (row < M && col < N) {
    let c = offC + row * N + col;
    if (mu(3u) == 1u) { b3[c] = b3[c] + sum; } else { b3[c] = sum; }
  }
}
`;

// Window geometry in meta from index G: channels, height, width, kernelH, kernelW, strideH,
// strideW, padH, padW, dilationH, dilationW, outH, outW.
const geometryHelpers = (G: number): string => `
fn gC() -> u32 { return mu(${G}u); }
fn gH() -> i32 { return i32(mu(${G + 1}u)); }
fn gW() -> i32 { return i32(mu(${G + 2}u)); }
fn gKH() -> i32 { return i32(mu(${G + 3}u)); }
fn gKW() -> i32 { return i32(mu(${G + 4}u)); }
fn gSH() -> i32 { return i32(mu(${G + 5}u)); }
fn gSW() -> i32 { return i32(mu(${G + 6}u)); }
fn gPH() -> i32 { return i32(mu(${G + 7}u)); }
fn gPW() -> i32 { return i32(mu(${G + 8}u)); }
fn gDH() -> i32 { return i32(mu(${G + 9}u)); }
fn gDW() -> i32 { return i32(mu(${G + 10}u)); }
fn gOH() -> i32 { return i32(mu(${G + 11}u)); }
fn gOW() -> i32 { return i32(mu(${G + 12}u)); }
`;

/** One image to columns [C·kH·kW, outH·outW]. meta: n, offX (+ image offset), offCol, geometry at 3. */
export const im2colShader = (): string =>
  oneD(
    2,
    `  let L = u32(gOH() * gOW());
  let r = i / L; let p = i % L;
  let kj = i32(r) % gKW(); let ki = (i32(r) / gKW()) % gKH(); let c = i32(r) / (gKW() * gKH());
  let oh = i32(p) / gOW(); let ow = i32(p) % gOW();
  let ih = oh * gSH() - gPH() + ki * gDH();
  let iw = ow * gSW() - gPW() + kj * gDW();
  var v = 0.0;
  if (ih >= 0 && ih < gH() && iw >= 0 && iw < gW()) { v = b1[mu(1u) + u32((c * gH() + ih) * gW() + iw)]; }
  b2[mu(2u) + i] = v;`,
    geometryHelpers(3),
  );

/**
 * The adjoint of im2col as a gather: each input pixel sums the column entries that read it (no
 * atomics needed). meta: n (C·H·W), offCol, offDx (+ image offset), geometry at 3. b1 col, b2 dx.
 */
export const col2imShader = (): string =>
  oneD(
    2,
    `  let L = gOH() * gOW();
  let c = i32(i) / (gH() * gW()); let ih = (i32(i) / gW()) % gH(); let iw = i32(i) % gW();
  var s = 0.0;
  for (var ki = 0; ki < gKH(); ki++) {
    let th = ih + gPH() - ki * gDH();
    if (th < 0 || th % gSH() != 0) { continue; }
    let oh = th / gSH();
    if (oh >= gOH()) { continue; }
    for (var kj = 0; kj < gKW(); kj++) {
      let tw = iw + gPW() - kj * gDW();
      if (tw < 0 || tw % gSW() != 0) { continue; }
      let ow = tw / gSW();
      if (ow >= gOW()) { continue; }
      let row = (c * gKH() + ki) * gKW() + kj;
      s += b1[mu(1u) + u32(row * L + oh * gOW() + ow)];
    }
  }
  let d = mu(2u) + i;
  b2[d] = b2[d] + s;`,
    geometryHelpers(3),
  );

/**
 * Max or average pooling, one thread per output. meta: n, offX, offOut, offArg, isMax, geometry
 * at 5. b1 x, b2 out, b3 argmax (flat input index, −1 when the window is all padding).
 */
export const poolShader = (): string =>
  oneD(
    3,
    `  let p = i32(i) % (gOH() * gOW()); let plane = i32(i) / (gOH() * gOW());
  let oh = p / gOW(); let ow = p % gOW();
  let base = plane * gH() * gW();
  let isMax = mu(4u) == 1u;
  var best = negInf();
  var at = -1;
  var s = 0.0;
  var stop = false;
  for (var ki = 0; ki < gKH() && !stop; ki++) {
    let ih = oh * gSH() - gPH() + ki * gDH();
    if (ih < 0 || ih >= gH()) { continue; }
    for (var kj = 0; kj < gKW(); kj++) {
      let iw = ow * gSW() - gPW() + kj * gDW();
      if (iw < 0 || iw >= gW()) { continue; }
      let idx = base + ih * gW() + iw;
      let v = b1[mu(1u) + u32(idx)];
      s += v;
      if (v > best || at < 0 || v != v) {
        best = v; at = idx;
        // A NaN wins its window, as in the plain kernel.
        if (v != v) { stop = true; break; }
      }
    }
  }
  if (isMax) {
    b2[mu(2u) + i] = best;
    b3[mu(3u) + i] = f32(at);
  } else {
    b2[mu(2u) + i] = s / f32(gKH() * gKW());
  }`,
    geometryHelpers(5),
  );

/**
 * Pooling gradients as a gather over the windows covering each input pixel. Max: the pixel
 * takes g of every window whose argmax it is; average: g / (kH·kW) of every window covering it.
 * meta: n (input elements), offG, offDx, offArg, isMax, geometry at 5. b1 g, b2 dx, b3 argmax.
 */
export const poolBackwardShader = (): string =>
  oneD(
    3,
    `  let HW = gH() * gW();
  let plane = i32(i) / HW; let ih = (i32(i) / gW()) % gH(); let iw = i32(i) % gW();
  let isMax = mu(4u) == 1u;
  let inv = 1.0 / f32(gKH() * gKW());
  var s = 0.0;
  for (var ki = 0; ki < gKH(); ki++) {
    let th = ih + gPH() - ki * gDH();
    if (th < 0 || th % gSH() != 0) { continue; }
    let oh = th / gSH();
    if (oh >= gOH()) { continue; }
    for (var kj = 0; kj < gKW(); kj++) {
      let tw = iw + gPW() - kj * gDW();
      if (tw < 0 || tw % gSW() != 0) { continue; }
      let ow = tw / gSW();
      if (ow >= gOW()) { continue; }
      let o = u32((plane * gOH() + oh) * gOW() + ow);
      if (isMax) {
        if (i32(b3[mu(3u) + o]) == i32(i)) { s += b1[mu(1u) + o]; }
      } else {
        s += b1[mu(1u) + o] * inv;
      }
    }
  }
  let d = mu(2u) + i;
  b2[d] = b2[d] + s;`,
    geometryHelpers(5),
  );

/**
 * out[index[i]] += g[i]. meta: n, offG, offIndex, offOut, serial. Parallel only where the
 * indices are known distinct (argmax of disjoint slices); else one thread in order.
 */
export const scatterAddShader = (): string =>
  oneD(
    3,
    `  if (mu(4u) == 1u) {
    if (i != 0u) { return; }
    for (var j = 0u; j < mu(0u); j++) {
      let t = i32(b2[mu(2u) + j]);
      if (t >= 0) { let d = mu(3u) + u32(t); b3[d] = b3[d] + b1[mu(1u) + j]; }
    }
    return;
  }
  let t = i32(b2[mu(2u) + i]);
  if (t >= 0) { let d = mu(3u) + u32(t); b3[d] = b3[d] + b1[mu(1u) + i]; }`,
  );

/** out[o, j, :] = x[o, index[j], :]. meta: n (outer·k·inner), offX, offIndex, offOut, dim, k, inner. b1 x, b2 index, b3 out. */
export const gatherRowsShader = (): string =>
  oneD(
    3,
    `  let dim = mu(4u); let k = mu(5u); let inner = mu(6u);
  let c = i % inner; let j = (i / inner) % k; let o = i / (inner * k);
  let r = u32(b2[mu(2u) + j]);
  b3[mu(3u) + i] = b1[mu(1u) + (o * dim + r) * inner + c];`,
  );

/**
 * out[o, r, :] += Σ over j with index[j] = r of g[o, j, :], as a gather (repeated indices need no
 * atomics). meta: n (outer·dim·inner), offG, offIndex, offOut, dim, k, inner. b1 g, b2 index, b3 out.
 */
export const gatherRowsBackwardShader = (): string =>
  oneD(
    3,
    `  let dim = mu(4u); let k = mu(5u); let inner = mu(6u);
  let c = i % inner; let r = (i / inner) % dim; let o = i / (inner * dim);
  var s = 0.0;
  for (var j = 0u; j < k; j++) {
    if (u32(b2[mu(2u) + j]) == r) { s += b1[mu(1u) + (o * k + j) * inner + c]; }
  }
  let d = mu(3u) + i;
  b3[d] = b3[d] + s;`,
  );

/**
 * logsumexp of x over the reduced axes, one thread per kept element, shifted by the max.
 * Same meta layout as reduceShader (kind and arg unused). b1 x, b2 out.
 */
export const logsumexpShader = (): string =>
  oneD(
    2,
    `  let kr = mu(6u); let rr = mu(7u); let count = mu(8u);
  let K = 9u; let R = 9u + 2u * kr;
  var rem = i;
  var base = mu(1u);
  for (var d = i32(kr) - 1; d >= 0; d--) {
    let size = mu(K + u32(d));
    base += (rem % size) * mu(K + kr + u32(d));
    rem = rem / size;
  }
  var m = negInf();
  for (var sweep = 0u; sweep < 2u; sweep++) {
    var s = 0.0;
    for (var p = 0u; p < count; p++) {
      var r2 = p;
      var off = base;
      for (var d = i32(rr) - 1; d >= 0; d--) {
        let size = mu(R + u32(d));
        off += (r2 % size) * mu(R + rr + u32(d));
        r2 = r2 / size;
      }
      if (sweep == 0u) { m = max(m, b1[off]); } else { s += exp(b1[off] - m); }
    }
    if (sweep == 0u) {
      // A non-finite max (all −∞, or +∞) shifts by 0, as the plain kernel does.
      if (m - m != 0.0) { m = 0.0; }
    } else {
      b2[mu(2u) + i] = m + log(s);
    }
  }`,
  );

/** gx = g·exp(x − lse), with g and lse broadcast from the kept shape. meta: n, offX, offLse, offG, offGx, header at 5. */
export const logsumexpBackwardShader = (): string =>
  oneD(4, '  let k = bcast(0u, i);\n  b4[mu(4u) + i] = b3[mu(3u) + k] * exp(b1[mu(1u) + i] - b2[mu(2u) + k]);', broadcastHelpers(1, 5));

/**
 * Softmax cross-entropy, one thread per row: the softmax into probs and the weighted row loss
 * into rowLoss. meta: rows, offLogits, offLabels, offWeights, offProbs, offRowLoss, classes.
 */
export const softmaxCrossEntropyShader = (): string =>
  oneD(
    5,
    `  let classes = mu(6u);
  let x0 = mu(1u) + i * classes; let p0 = mu(4u) + i * classes;
  var m = negInf();
  for (var c = 0u; c < classes; c++) { m = max(m, b1[x0 + c]); }
  var s = 0.0;
  for (var c = 0u; c < classes; c++) { let e = exp(b1[x0 + c] - m); b4[p0 + c] = e; s += e; }
  for (var c = 0u; c < classes; c++) { b4[p0 + c] = b4[p0 + c] / s; }
  let y = u32(b2[mu(2u) + i]);
  b5[mu(5u) + i] = b3[mu(3u) + i] * (m + log(s) - b1[x0 + y]);`,
  );

/** loss[0] = Σ rowLoss / norm, in order by one thread. meta: 1, offRowLoss, offLoss, rows, norm. b1 rowLoss, b2 loss. */
export const sumRowsShader = (): string =>
  oneD(
    2,
    `  var s = 0.0;
  for (var r = 0u; r < mu(3u); r++) { s += b1[mu(1u) + r]; }
  b2[mu(2u)] = s / mf(4u);`,
  );

/** out = (g/norm)·w·(probs − onehot). meta: rows·classes, offG, offProbs, offLabels, offWeights, offOut, classes, norm. */
export const softmaxCrossEntropyBackwardShader = (): string =>
  oneD(
    5,
    `  let classes = mu(6u);
  let r = i / classes; let c = i % classes;
  let onehot = select(0.0, 1.0, u32(b3[mu(3u) + r]) == c);
  b5[mu(5u) + i] = (b1[mu(1u)] / mf(7u)) * b4[mu(4u) + r] * (b2[mu(2u) + i] - onehot);`,
  );

/** Per-element weighted binary cross-entropy into rowLoss. meta: n, offZ, offT, offWeights, offRowLoss. */
export const binaryCrossEntropyShader = (): string =>
  oneD(
    4,
    `  let z = b1[mu(1u) + i];
  b4[mu(4u) + i] = b3[mu(3u) + i] * (max(z, 0.0) - z * b2[mu(2u) + i] + log1p_(exp(-abs(z))));`,
    mathHelpers,
  );

/** out = (g/norm)·w·(σ(z) − t). meta: n, offG, offZ, offT, offWeights, offOut, norm. */
export const binaryCrossEntropyBackwardShader = (): string =>
  oneD(5, '  b5[mu(5u) + i] = (b1[mu(1u)] / mf(6u)) * b4[mu(4u) + i] * (sigmoid_(b2[mu(2u) + i]) - b3[mu(3u) + i]);', mathHelpers);

/** out[c] += Σ over n and l of g[n, c, l], one thread per channel. meta: o, offG, offOut, n, l. */
export const biasGradShader = (): string =>
  oneD(
    2,
    `  let O = mu(0u); let N = mu(3u); let L = mu(4u);
  var s = 0.0;
  for (var n = 0u; n < N; n++) {
    let base = mu(1u) + (n * O + i) * L;
    for (var p = 0u; p < L; p++) { s += b1[base + p]; }
  }
  let d = mu(2u) + i;
  b2[d] = b2[d] + s;`,
  );

/**
 * One fused Adam / AdamW step over the flat vector, in place on m and v (Kingma & Ba 2015,
 * Algorithm 1; Loshchilov & Hutter 2019, Algorithm 2). meta: n, offG, offM, offV, offP, offOut,
 * b1, b2, eps, c1, c2, weightDecay, scale. b1 g, b2 m, b3 v, b4 p, b5 out.
 */
export const adamShader = (): string =>
  oneD(
    5,
    `  let g = b1[mu(1u) + i];
  let m = mf(6u) * b2[mu(2u) + i] + (1.0 - mf(6u)) * g;
  let v = mf(7u) * b3[mu(3u) + i] + (1.0 - mf(7u)) * g * g;
  b2[mu(2u) + i] = m;
  b3[mu(3u) + i] = v;
  var u = (m / mf(9u)) / (sqrt(v / mf(10u)) + mf(8u));
  if (mf(11u) != 0.0) { u = u + mf(11u) * b4[mu(4u) + i]; }
  b5[mu(5u) + i] = mf(12u) * u;`,
  );
