import type * as Engine from '../engine/index.ts';
import type * as Model from '../model/index.ts';
import type * as Properties from '../properties/index.ts';
import { builtModule } from './built.ts';
import type { BenchEngine, BenchFigures } from './engine.ts';
import type { Legacy3Params } from './legacy3-params.ts';
import { LEGACY3_PROPERTIES, type ShortestViolations } from './legacy3-properties.ts';

/** The world of the `legacy-3` design for the benchmark's parameters: abstract MPU, one buffer per process. */
function legacy3World(model: typeof Model, params: Legacy3Params): Model.WorldParams {
  return { ...model.defaultParams('abstract'), clients: params.clients, restarts: params.restarts, queue: params.queue, regions: params.regions, buffers: 1 };
}

/**
 * The project's own explorer as a bench engine, from the built JavaScript
 * (dist/, which `npm run bench` builds first): `explore`'s search on the
 * `legacy-3` design, whose worlds correspond one to one with the
 * benchmark's states, in this thread (`explorePacked`, `--workers 1`) or in
 * `workers` threads (`exploreParallel`: this one and `workers - 1` worker
 * threads, whose start-up is included in the time). With properties on
 * it judges the project's properties of the same names; the design's
 * observations make them judge as the benchmark does, though a violating
 * step's target is still expanded (the project searches on for other
 * properties).
 */
export function oursEngine(workers: number): BenchEngine {
  const id = workers === 1 ? 'ours' : `ours-${workers}w`;
  return { id, run: (params, propertiesOn) => runOurs(id, params, propertiesOn, workers) };
}

async function runOurs(id: string, params: Legacy3Params, propertiesOn: boolean, workers: number): Promise<BenchFigures> {
  const engine = await builtModule<typeof Engine>('engine/index.js');
  const model = await builtModule<typeof Model>('model/index.js');
  const { propertyById } = await builtModule<typeof Properties>('properties/index.js');
  const design = model.designById('legacy-3')!;
  const properties = propertiesOn ? LEGACY3_PROPERTIES.map((id) => propertyById(id)!) : [];
  const began = process.hrtime.bigint();
  const options = { design, params: legacy3World(model, params), properties, maxDepth: 1_000_000, maxStates: 2 ** 31 - 1 };
  const result = workers === 1 ? engine.explorePacked(options) : await engine.exploreParallel(options, workers);
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  const shortest = (property: string) => {
    const verdict = result.verdicts.find((v) => v.property === property);
    return verdict?.status === 'violated' ? verdict.trace.length : null;
  };
  const violations: ShortestViolations | null = propertiesOn
    ? { isolation: shortest('isolation'), 'graceful-exhaustion': shortest('graceful-exhaustion'), 'stale-generation': shortest('stale-generation') }
    : null;
  return {
    engine: id,
    params,
    states: result.states,
    transitions: result.transitions,
    seconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    violations,
  };
}
