import { parseArgs } from 'node:util';

/** How `npm run bench` runs: every engine at every parameter set `repeat` times (with properties off); with `large`, the third, much larger set too. */
export interface BenchOptions {
  readonly repeat: number;
  readonly large: boolean;
}

export const MAX_REPEAT = 20;

/** `npm run bench -- [--repeat N] [--large]`; throws an Error with a one-line message on anything else. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let values: { repeat?: string; large?: boolean };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { repeat: { type: 'string' }, large: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (e) {
    // Node's messages can run to three lines ("argument is ambiguous ..."): the first says what is wrong.
    throw new Error((e as Error).message.split('\n')[0]);
  }
  const text = values.repeat ?? '1';
  const repeat = Number(text);
  if (!/^\d+$/.test(text) || repeat < 1 || repeat > MAX_REPEAT) throw new Error(`--repeat must be an integer from 1 to ${MAX_REPEAT}, not '${text}'`);
  return { repeat, large: values.large === true };
}
