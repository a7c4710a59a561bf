import { integerOf, parseFlags, type FlagTable } from '../options/index.ts';

/** How `npm run bench` runs: every engine at every parameter set `repeat` times (with properties off); with `large`, the third, much larger set too. */
export interface BenchOptions {
  readonly repeat: number;
  readonly large: boolean;
}

/** The bench's flags, read by the CLI's own parser: one-line errors, a flag of one value refused when given twice. */
export const BENCH_FLAGS = {
  repeat: { value: 'N', help: 'rounds: every engine runs N times, and the table gives its fastest run and median time', range: [1, 20], default: 1 },
  large: { help: 'adds the large set, C=3 G=1 Q=2 R=1 (46,108,998 states): minutes per engine' },
} as const satisfies FlagTable;

/** `npm run bench -- [--repeat N] [--large]`; throws a `UsageError` with a one-line message on anything else. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const values = parseFlags(argv, BENCH_FLAGS);
  return { repeat: integerOf(values, BENCH_FLAGS, 'repeat'), large: values.large === true };
}
