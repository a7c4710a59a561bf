/**
 * Runs one engine on one parameter set in a process of its own, so that its
 * peak RSS is its own, and writes its `BenchFigures` as one line of JSON on
 * stdout. Usage: engine-child.ts ENGINE_ID PARAMS_JSON on|off. Anything
 * else an engine prints goes to stderr.
 */
import { ENGINES } from './engines.ts';
import type { Legacy3Params } from './legacy3-params.ts';

const [id, paramsJson, properties] = process.argv.slice(2);
const engine = ENGINES.find((e) => e.id === id);
if (!engine || paramsJson === undefined || (properties !== 'on' && properties !== 'off')) {
  process.stderr.write(`usage: engine-child.ts ENGINE_ID PARAMS_JSON on|off (engines: ${ENGINES.map((e) => e.id).join(', ')})\n`);
  process.exit(2);
}
const figures = await engine.run(JSON.parse(paramsJson) as Legacy3Params, properties === 'on');
process.stdout.write(`${JSON.stringify(figures)}\n`);
