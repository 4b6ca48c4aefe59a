/** The shapes of the figure registry: a run is one command, its figures the values read from its output. */

/** How a figure's value is read from its command's output (stdout and stderr together). */
export interface Extractor {
  /** What it reads, in words (shown by `--list` and in the JSON listing). */
  readonly describe: string;
  /** The value written the way the README writes it; throws an `ExtractError` when the output does not hold it. */
  readonly read: (output: string) => string;
}

/** One seeded figure quoted in a README or guide: a claim that its command prints `expected`. */
export interface Figure {
  /** Unique id, `<run id>/<what>`. */
  readonly id: string;
  /** The README or guide that quotes it, relative to the repository root. */
  readonly file: string;
  /** Text of that file holding the value, compared with runs of whitespace (line breaks included) collapsed to one space. */
  readonly text: string;
  /** The value as the README writes it; must occur in `text`. */
  readonly expected: string;
  /** Reads the value from the command's output. */
  readonly extract: Extractor;
}

/** `fast`: seconds, run by the test suite; `slow`: minutes, run by `pnpm figures` before a release. */
export type Speed = 'fast' | 'slow';

/** One command and the figures read from its output. */
export interface FigureRun {
  /** Unique id, e.g. `backprop/mnist-mlp`. */
  readonly id: string;
  /** Directory the command runs in, relative to the repository root. */
  readonly cwd: string;
  /** Shell command (`sh -c`); `$FIGURES_TMP` is a fresh temporary directory for its files. */
  readonly command: string;
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>;
  /** Which subset it belongs to. */
  readonly speed: Speed;
  /** Rough wall time on one core of the loaded 2-core development machine, in minutes. */
  readonly minutes: number;
  /** When the figures were last rerun and matched (`YYYY-MM-DD` and what), or why they were not. */
  readonly verified: string;
  /** The figures read from its output. */
  readonly figures: readonly Figure[];
}

/** Why a number in a README is not a seeded figure of the registry. */
export type ExclusionReason =
  /** Wall-clock or throughput measurements: they depend on the machine and its load. */
  | 'timing'
  /** Measurements of earlier code or of variants no command of the current code reproduces. */
  | 'historical'
  /** Example output asserted by a test that runs the example (a README block that is executed). */
  | 'tested'
  /** Approximate or bound claims (≈, ≥, <), or published reference values of other software. */
  | 'approximate'
  /** Numbers no command prints as such: sums or restatements of registered figures, or counts read off per-seed logs by hand. */
  | 'derived';

/** A passage of a README whose numbers are deliberately not in the registry, and why. */
export interface Exclusion {
  /** The README or guide, relative to the repository root. */
  readonly file: string;
  /** Text of the passage (whitespace-collapsed, like `Figure.text`); must still occur in the file. */
  readonly text: string;
  /** The kind of exclusion. */
  readonly reason: ExclusionReason;
  /** One line saying which numbers and why. */
  readonly note: string;
}
