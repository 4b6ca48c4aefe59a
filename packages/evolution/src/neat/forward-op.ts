/**
 * A whole NEAT network as one autograd op: `neatForward(x, weights, plan)` maps a
 * batch [B, inputs] to [B, outputs], and its backward sends gradients to both the
 * inputs and the connection weights, so a hybrid trainer can backpropagate through an
 * evolved topology. One fused op instead of per-node tensor ops: a network has tens of
 * scalar nodes, and a tensor op per node would cost far more than the arithmetic.
 *
 * With φ(z) = σ(s·z), dφ/dz = s·φ·(1 − φ); CPPN nodes use their own activation's derivative
 * (which needs z, so those plans also keep the pre-activations). Recurrent plans are unrolled over their
 * `steps` synchronous updates (from a zero state per row) and differentiated through time.
 */
import { ShapeError, type Tensor, recordFlops, result, portableMath } from '@evoprop/tensor';
import { activationDerivative, applyActivation } from './activations.js';
import type { NetworkPlan } from './network.js';

/** The network of `plan` on a batch `x` [n, inputs] with connection weights `weights` (one per enabled gene), as a differentiable op: [n, outputs]. */
export function neatForward(x: Tensor, weights: Tensor, plan: NetworkPlan): Tensor {
  const { inputs, outputs, size, biasSlot, bias, order, start, source, parameter, slope, recurrent, activation } = plan;
  if (x.rank !== 2 || x.shape[1] !== inputs)
    throw new ShapeError('neatForward', `x of shape [batch, ${inputs}]`, `[${x.shape.join(', ')}]`);
  if (weights.size !== plan.parameter.length) throw new ShapeError('neatForward', `${plan.parameter.length} weights`, `${weights.size}`);
  const batch = x.shape[0] as number;
  const steps = recurrent ? plan.steps : 1;
  // Node values of every row at every step: [batch, steps + 1, size] (feed-forward uses one frame).
  const frames = recurrent ? steps + 1 : 1;
  const acts = new Float64Array(batch * frames * size);
  // Pre-activations, kept only for CPPN plans (the sigmoid's derivative needs only its output).
  const pre = activation === null ? null : new Float64Array(batch * frames * size);
  const out = new Float32Array(batch * outputs);
  const w = weights.data;
  const xd = x.data;
  for (let b = 0; b < batch; b++) {
    const base = b * frames * size;
    for (let f = 0; f < frames; f++) {
      const o = base + f * size;
      for (let i = 0; i < inputs; i++) acts[o + i] = xd[b * inputs + i] as number;
      acts[o + biasSlot] = bias;
    }
    for (let t = 0; t < steps; t++) {
      const read = base + (recurrent ? t * size : 0);
      const write = base + (recurrent ? (t + 1) * size : 0);
      for (let k = 0; k < order.length; k++) {
        let z = 0;
        for (let e = start[k] as number; e < (start[k + 1] as number); e++)
          z += (w[parameter[e] as number] as number) * (acts[read + (source[e] as number)] as number);
        if (activation === null || pre === null) acts[write + (order[k] as number)] = 1 / (1 + portableMath.exp(-slope * z));
        else {
          pre[write + (order[k] as number)] = z;
          acts[write + (order[k] as number)] = applyActivation(activation[k] as number, z, slope);
        }
      }
    }
    const last = base + (frames - 1) * size;
    for (let k = 0; k < outputs; k++) out[b * outputs + k] = acts[last + inputs + 1 + k] as number;
  }
  recordFlops(2 * batch * steps * (source.length + order.length));

  return result('neatForward', out, [batch, outputs], [x, weights], (g) => {
    const gx = new Float32Array(x.size);
    const gw = new Float64Array(weights.size);
    const dv = new Float64Array(frames * size);
    for (let b = 0; b < batch; b++) {
      const base = b * frames * size;
      dv.fill(0);
      const lastFrame = (frames - 1) * size;
      for (let k = 0; k < outputs; k++) dv[lastFrame + inputs + 1 + k] = g[b * outputs + k] as number;
      for (let t = steps - 1; t >= 0; t--) {
        const readFrame = recurrent ? t * size : 0;
        const writeFrame = recurrent ? (t + 1) * size : 0;
        // Feed-forward: reverse topological order, so a node's gradient is complete before it is used.
        for (let k = order.length - 1; k >= 0; k--) {
          const node = order[k] as number;
          const y = acts[base + writeFrame + node] as number;
          const dz =
            (dv[writeFrame + node] as number) *
            (activation === null || pre === null
              ? slope * y * (1 - y)
              : activationDerivative(activation[k] as number, pre[base + writeFrame + node] as number, y, slope));
          if (recurrent) dv[writeFrame + node] = 0;
          if (dz === 0) continue;
          for (let e = start[k] as number; e < (start[k + 1] as number); e++) {
            const src = source[e] as number;
            const p = parameter[e] as number;
            gw[p] = (gw[p] as number) + dz * (acts[base + readFrame + src] as number);
            dv[readFrame + src] = (dv[readFrame + src] as number) + dz * (w[p] as number);
          }
        }
      }
      for (let i = 0; i < inputs; i++) {
        let s = 0;
        for (let f = 0; f < frames; f++) s += dv[f * size + i] as number;
        gx[b * inputs + i] = s;
      }
    }
    recordFlops(4 * batch * steps * (source.length + order.length));
    return [gx, Float32Array.from(gw)];
  });
}
