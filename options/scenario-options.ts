import { designById, type Design, type MpuArchId } from '../model/index.ts';
import { SCENARIOS, type Scenario } from '../scenarios/index.ts';
import { designNamed, scenarioNamed } from './check-options.ts';
import { archFlag, parseFlagsAndFiles, UsageError } from './flags.ts';
import { COMMAND_SPECS } from './command-flags.ts';

/** What `scenario` runs: each scenario named (all by default) on each design it expects something of, or on the one named. */
export interface ScenarioOptions {
  readonly runs: readonly { readonly scenario: Scenario; readonly design: Design }[];
  readonly json: boolean;
}

/**
 * Parses `scenario [NAME]... [--design NAME] [--arch NAME] [--json]`:
 * `--arch` keeps the scenarios whose world is on that architecture;
 * `--design` runs each on that design, whether or not it expects
 * something there (the report says when it does not). Throws `UsageError`
 * when a name is unknown or nothing is left to run.
 */
export function parseScenarioOptions(args: readonly string[]): ScenarioOptions {
  const { values, positionals } = parseFlagsAndFiles(args, COMMAND_SPECS.scenario.flags);
  const named = positionals.length === 0 ? SCENARIOS : [...new Set(positionals.map(scenarioNamed))];
  const arch: MpuArchId | undefined = values.arch === undefined ? undefined : archFlag(values, 'cortex-m');
  const scenarios = arch === undefined ? named : named.filter((s) => s.params.arch === arch);
  if (scenarios.length === 0) throw new UsageError(`no scenario you named runs on --arch ${arch} (they run on: ${[...new Set(named.map((s) => s.params.arch))].join(', ')})`);
  const design = values.design === undefined ? undefined : designNamed(values.design as string);
  const runs = scenarios.flatMap((scenario) =>
    design !== undefined ? [{ scenario, design }] : Object.keys(scenario.expected).map((id) => ({ scenario, design: designById(id)! })),
  );
  return { runs, json: values.json === true };
}
