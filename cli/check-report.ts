import { propertyFiles, sourceOf, DEFAULT_DIRECTED_STATES, DEFAULT_MAX_STEPS, DEFAULT_RUNS, type CheckOptions, type ModelOptions } from '../options/index.ts';
import { counted, defaultParams, impostorSlot, initialWorld, SIZE_PARAM_NAMES } from '../model/index.ts';
import { PROPERTIES } from '../properties/index.ts';
import type { PropertyResult } from '../engine/index.ts';

/** The first lines of a readable report: the command, the design and the world it checks. */
export function modelHeader(command: string, options: ModelOptions): string[] {
  const p = options.params;
  const slots = initialWorld(p)
    .processes.map((s, i) => `#${i} ${s.name}${i === impostorSlot(p) ? ' (impostor)' : ''}`)
    .join(', ');
  return [
    `tock-ipc-check ${command}: design ${options.design.id} (${options.design.summary})`,
    `world: ${slots}; restarts <= ${p.restarts} each, queue ${p.queue}, ${p.buffers} buffer(s) each`,
    `MPU: ${p.arch}, --regions ${p.regions}${p.arch === 'abstract' ? ' (free for IPC)' : ''}`,
    ...(options.design.params ?? []).map((param) => `design parameter ${param.name}: ${p.design?.[param.name] ?? `${param.default} (default)`}`),
  ];
}

/** The header of a `check` report: the model, then the seed and budget that repeat the search. */
export function checkHeader(options: CheckOptions): string[] {
  return [
    ...modelHeader('check', options),
    `random search: seed ${options.seed}, ${counted(options.runs, 'run')} per property and kind of violation, traces up to ${options.maxSteps} steps`,
    options.directedStates === 0
      ? 'directed search: off'
      : `directed search: up to ${options.directedStates} states, for a property with a guide when random runs find nothing new`,
    ...(options.from === null ? [] : [`every random run starts with scenario ${options.from} (${counted(options.prefix.length, 'step')})`]),
    '',
  ];
}

/** The command line that repeats this check exactly: every option that differs from its default. */
export function repeatCommand(options: CheckOptions): string {
  return ['tock-ipc-check check', ...repeatArgs(options)].join(' ');
}

/** The arguments of `check` that give this search again (not how it prints or saves): every option off its default. */
export function repeatArgs(options: CheckOptions): string[] {
  const defaults = defaultParams(options.params.arch);
  const parts = [`--design ${sourceOf(options.design) ?? options.design.id}`, `--arch ${options.params.arch}`];
  propertyFiles().forEach((file) => parts.push(`--property-file ${file}`));
  for (const key of [...SIZE_PARAM_NAMES, 'regions'] as const) {
    if (options.params[key] !== defaults[key]) parts.push(`--${key} ${options.params[key]}`);
  }
  for (const [name, value] of Object.entries(options.params.design ?? {})) parts.push(`--param ${name}=${value}`);
  if (options.runs !== DEFAULT_RUNS) parts.push(`--runs ${options.runs}`);
  if (options.maxSteps !== DEFAULT_MAX_STEPS) parts.push(`--max-steps ${options.maxSteps}`);
  if (options.directedStates !== DEFAULT_DIRECTED_STATES) parts.push(`--directed-states ${options.directedStates}`);
  if (options.from !== null) parts.push(`--from ${options.from}`);
  parts.push(`--seed ${options.seed}`);
  if (options.properties.length < PROPERTIES.length) options.properties.forEach((p) => parts.push(`--property ${p.id}`));
  return parts.flatMap((p) => {
    const space = p.indexOf(' ');
    return [p.slice(0, space), p.slice(space + 1)];
  });
}

/** The closing line: counts and the command that repeats the run. */
export function summaryLine(options: CheckOptions, results: readonly PropertyResult[]): string {
  const count = (status: PropertyResult['status']) => results.filter((r) => r.status === status).length;
  const again = repeatCommand(options);
  if (count('held') === results.length) return `all ${results.length} properties held (random search, not a proof); repeat: ${again}`;
  const violated = count('violated');
  const others = (['error', 'held', 'inconclusive', 'n/a'] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}`);
  const head = violated > 0 ? `${violated} of ${results.length} properties violated` : `no property violated`;
  return `${[head, ...others].join(', ')}; repeat: ${again}`;
}
