import { DEFAULT_REGIONS, SIZE_PARAM_NAMES, SIZE_PARAMS, type MpuArchId, type SizeParam } from '../model/index.ts';

/**
 * The flags that set a world apart from the default one on its
 * architecture (`--clients 1 --param capsules=relay`), '' for the default:
 * what tells two runs of one design and architecture apart.
 */
export function worldFlags(params: Partial<Record<SizeParam, number>> & { readonly arch?: MpuArchId; readonly regions?: number; readonly design?: Readonly<Record<string, string | number>> }): string {
  const sizes = SIZE_PARAM_NAMES.flatMap((k) => (params[k] === undefined || params[k] === SIZE_PARAMS[k].default ? [] : [`--${k} ${params[k]}`]));
  const regions = params.arch === undefined || params.regions === undefined || params.regions === DEFAULT_REGIONS[params.arch] ? [] : [`--regions ${params.regions}`];
  const design = Object.entries(params.design ?? {}).map(([k, v]) => `--param ${k}=${v}`);
  return [...sizes, ...regions, ...design].join(' ');
}
