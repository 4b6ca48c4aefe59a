import { portableMath } from '@evoprop/tensor';

/**
 * Node activation functions for CPPNs (Stanley 2007, "Compositional pattern producing
 * networks: a novel abstraction of development", Genetic Programming and Evolvable Machines
 * 8(2), 131–162). A CPPN is a NEAT network whose nodes each choose a function from a set
 * of canonical ones — symmetric (Gaussian, absolute value), periodic (sine), smooth
 * (sigmoid, tanh), linear and step — so that compositions of them draw regular patterns
 * (symmetry, repetition, repetition with variation). Plain NEAT is the case where every
 * node uses the paper's sigmoid.
 */

/** Every activation a node gene may name. */
export const activationNames = ['sigmoid', 'sine', 'gaussian', 'tanh', 'abs', 'linear', 'step'] as const;

/** The name of a node's activation function. */
export type ActivationName = (typeof activationNames)[number];

/** The numeric code of each activation in a compiled plan (its index in `activationNames`). */
export const activationCode = (name: ActivationName): number => activationNames.indexOf(name);

/**
 * The activation with code `code` at pre-activation `z`. `slope` applies to the sigmoid only
 * (NEAT p. 113: φ(z) = 1/(1 + e^(−4.9z))); the Gaussian is e^(−z²), the step is 1 above 0.
 */
export function applyActivation(code: number, z: number, slope: number): number {
  switch (code) {
    case 0:
      return 1 / (1 + portableMath.exp(-slope * z));
    case 1:
      return portableMath.sin(z);
    case 2:
      return portableMath.exp(-z * z);
    case 3:
      return Math.tanh(z);
    case 4:
      return Math.abs(z);
    case 5:
      return z;
    default:
      return z > 0 ? 1 : 0;
  }
}

/** d(activation)/dz at `z`, given the output `y` there (the step's derivative is taken as 0 everywhere). */
export function activationDerivative(code: number, z: number, y: number, slope: number): number {
  switch (code) {
    case 0:
      return slope * y * (1 - y);
    case 1:
      return portableMath.cos(z);
    case 2:
      return -2 * z * y;
    case 3:
      return 1 - y * y;
    case 4:
      return z > 0 ? 1 : z < 0 ? -1 : 0;
    case 5:
      return 1;
    default:
      return 0;
  }
}
