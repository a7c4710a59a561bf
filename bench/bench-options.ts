import { parseArgs } from 'node:util';

/** How `npm run bench` runs: every engine at every parameter set `repeat` times (with properties off). */
export interface BenchOptions {
  readonly repeat: number;
}

export const MAX_REPEAT = 20;

/** `npm run bench -- [--repeat N]`; throws an Error with a one-line message on anything else. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let values: { repeat?: string };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { repeat: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (e) {
    // Node's messages can run to three lines ("argument is ambiguous ..."): the first says what is wrong.
    throw new Error((e as Error).message.split('\n')[0]);
  }
  const text = values.repeat ?? '1';
  const repeat = Number(text);
  if (!/^\d+$/.test(text) || repeat < 1 || repeat > MAX_REPEAT) throw new Error(`--repeat must be an integer from 1 to ${MAX_REPEAT}, not '${text}'`);
  return { repeat };
}
