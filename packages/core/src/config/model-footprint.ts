import { ConfigError } from '../errors.js';

/** What the memory estimate of a default MLP needs to know. */
export type MlpFootprintInput = Readonly<{
  /** Widths of the hidden layers. */
  hidden: readonly number[];
  /** Features per sample; unknown before the task is built, so 1 (a lower bound) by default. */
  inputSize?: number;
  /** Outputs per sample; 1 (a lower bound) by default. */
  outputSize?: number;
  /** Rows one forward pass holds at once (a trainer's evaluation batch); default 1024. */
  rows?: number;
}>;

/** An estimate of what a default MLP needs: its parameters and the bytes of a training step on `rows` rows. */
export type MlpFootprint = Readonly<{
  /** Weights and biases. */
  parameters: number;
  /** float32 bytes: parameters, their gradients and two optimizer moments, plus every layer's activations and their gradients for `rows` rows. */
  bytes: number;
  /** The rows the estimate assumed. */
  rows: number;
}>;

/** The memory a default MLP may need before it is refused: 2 GiB (WebAssembly kernels address at most 4 GiB, typed arrays hold at most 4 GiB). */
export const mlpMemoryLimitBytes = 2 ** 31;

/**
 * Parameter count and memory of an MLP with these hidden widths. Without the task's input and
 * output sizes they count as 1, so the estimate is a lower bound: a model it refuses cannot fit.
 *
 * @example
 * mlpFootprint({ hidden: [16], inputSize: 2, outputSize: 2 }).parameters; // 2·16 + 16 + 16·2 + 2 = 82
 */
export function mlpFootprint(input: MlpFootprintInput): MlpFootprint {
  const widths = [input.inputSize ?? 1, ...input.hidden, input.outputSize ?? 1];
  const rows = input.rows ?? 1024;
  let parameters = 0;
  for (let i = 1; i < widths.length; i++) parameters += (widths[i - 1] as number) * (widths[i] as number) + (widths[i] as number);
  const units = widths.reduce((a, b) => a + b, 0);
  return { parameters, bytes: 4 * (4 * parameters + 2 * rows * units), rows };
}

const gib = (bytes: number): string => `${(bytes / 2 ** 30).toPrecision(3)} GiB`;

/** What a refusal says: what was expected (the limit) and what was found (the estimate and how it was made). */
export function mlpTooLarge(
  hidden: readonly number[],
  f: MlpFootprint,
  limitBytes: number = mlpMemoryLimitBytes,
): [expected: string, actual: string] {
  return [
    `a model within the memory limit of ${gib(limitBytes)}`,
    `hidden ${JSON.stringify(hidden)}: at least ${f.parameters.toLocaleString('en-US')} parameters and ${gib(f.bytes)} for a step on ${f.rows} rows (weights, gradients, two optimizer moments, activations and their gradients, float32)`,
  ];
}

/**
 * Refuse a default MLP that cannot fit in memory, before anything runs: a {@link ConfigError}
 * naming the estimate, how it was made and the limit.
 *
 * @example
 * checkMlpFits({ hidden: [1e6] }, 'adam config.hidden'); // ConfigError: adam config.hidden: expected a model within the memory limit of 2.00 GiB, got hidden [1000000]: ...
 */
export function checkMlpFits(input: MlpFootprintInput, where: string, limitBytes: number = mlpMemoryLimitBytes): MlpFootprint {
  const f = mlpFootprint(input);
  if (!(f.bytes <= limitBytes)) {
    throw new ConfigError(where, ...mlpTooLarge(input.hidden, f, limitBytes));
  }
  return f;
}
