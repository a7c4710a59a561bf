import type { Handler, StepResult } from '../../design.ts';
import { discovered } from '../../discovered.ts';
import { formatInstance } from '../../instance.ts';
import { outcome, type Observation } from '../../outcome.ts';
import { isFull } from '../../task-queue-machine.ts';
import { choiceParam } from '../../design-params.ts';
import { currentInstance, intendedServer, slotAt, type World } from '../../world.ts';
import type { Ipc2026Of } from './kinds.ts';
import { holders, withState, type Ipc2026State } from './state.ts';
import { scheduleUpcall, upcallNote } from './upcalls.ts';

/**
 * The two registries of dev/ipc-initial (capsules/core/src/ipc/
 * ipc_registry_string_name.rs and ipc_registry_package_name.rs). Both
 * complete inside the command: register's errors are command errors, and
 * discover returns SUCCESS with its result in an upcall scheduled at once
 * (result ignored). A registration is grant state: gone when its process
 * is terminated. No unregister.
 *
 * Names in the model are the 20-byte strings the apps allow; `""` stands
 * for twenty zero bytes, `WRONG_LENGTH_NAME` for an allow of another
 * length; `nameless` gives one app no package name (NOMEM at package-name
 * register).
 */

/** The string name every 20-byte all-zero allow stands for. */
export const ZERO_NAME = '';

/** What an allowed name of another length than 20 bytes stands for (SIZE at register and discover). */
export const WRONG_LENGTH_NAME = '(not 20 bytes)';

/** The command error of an allowed string name, checked first as both commands do: SIZE, then INVAL for all zeros; null when it is a name. */
function nameError(name: string): StepResult['outcome'] | null {
  if (name === WRONG_LENGTH_NAME) return outcome('SIZE', 'the allowed name is not 20 bytes');
  if (name === ZERO_NAME) return outcome('INVAL', 'an all-zero name');
  return null;
}

/**
 * The discovery result upcall at `by`: the first registered grant holder
 * other than `by` that `matches`, in process-array order, or NODEVICE.
 * The command returns SUCCESS whether or not the upcall was queued: an
 * identifier found but not queued is lost to a caller that waits for it.
 * With `checksUpcall` (a fix, not Tock's code) the command answers NOMEM
 * instead when the upcall cannot be queued.
 */
function discover(world: World, by: number, name: string, checksUpcall: boolean, matches: (state: Ipc2026State, index: number) => boolean): StepResult {
  if (checksUpcall && isFull(slotAt(world, by).tasks)) return { world, outcome: outcome('NOMEM', `#${by}'s queue is full: discover again later`) };
  const found = holders(world, (s) => s.name !== undefined || s.package !== undefined).find((j) => j !== by && matches(slotAt(world, j).ipc as Ipc2026State, j));
  const id = found === undefined ? null : currentInstance(world, found);
  const status = id === null ? 'NODEVICE' : 'SUCCESS';
  const told = scheduleUpcall(world, by, 'discovered', status, id);
  const what = id === null ? 'no registered match' : `found ${formatInstance(id)}`;
  const observations: Observation[] = [discovered(world, by, name, found ?? null)];
  if (id !== null && !told.queued) observations.push({ type: 'lost', what: 'identifier', at: currentInstance(world, by), cause: 'queue-full' });
  return { world: told.world, outcome: outcome('SUCCESS', `${what}; ${upcallNote('discovered', status, by, told.queued)}`, observations) };
}

/**
 * Who may register a string name (SPEC.md section 3): `open`, the Null
 * filter the boards of dev/ipc/registration install
 * (capsules/core/src/ipc/filters.rs `IpcStringNameRegistrationFilterNull`);
 * `owner`, a board table naming, by ShortId, the one application that may
 * register each name, asked after the other checks as both
 * `RegistrationFilter::filter_registration` (dev/ipc/registration) and the
 * validation function (dev/ipc/validation-function) are; it refuses with
 * FAIL, the code the validation function's documentation recommends.
 * ShortIds are unique among running processes and kept across restarts,
 * so the table's application is the slot the board means (`intendedServer`).
 * The package-name registry has no such hook on either branch.
 */
export const registration = choiceParam('registration', { doc: 'who may register a string name: anyone (open), or only the application a board table names for it (owner)', choices: ['open', 'owner'] });

/** String-name command 1: SIZE for a name not 20 bytes long, INVAL for all zeros, ALREADY when another process holds the name, FAIL when the policy refuses; else the name is the caller's (replacing its own). */
export const registerName: Handler<Ipc2026Of<'register-name'>> = (world, { by, name }) => {
  const error = nameError(name);
  if (error !== null) return { world, outcome: error };
  const holder = holders(world, (s) => s.name === name).find((j) => j !== by);
  if (holder !== undefined) return { world, outcome: outcome('ALREADY', `#${holder} holds "${name}"`) };
  if (registration.of(world) === 'owner' && intendedServer(world, name) !== by) return { world, outcome: outcome('FAIL', `the board's table does not name #${by} for "${name}"`) };
  const told = scheduleUpcall(withState(world, by, (s) => ({ ...s, name })), by, 'registered', 'SUCCESS', null);
  return { world: told.world, outcome: outcome('SUCCESS', `"${name}" registered; ${upcallNote('registered', 'SUCCESS', by, told.queued)}`) };
};

/** String-name command 2: SIZE and INVAL as register; else the first other process registered as `name`. */
export const discoverName: Handler<Ipc2026Of<'discover-name'>> = discoverNameRule(false);

/** String-name discover; `checksUpcall` as `discover` says. */
export function discoverNameRule(checksUpcall: boolean): Handler<Ipc2026Of<'discover-name'>> {
  return (world, { by, name }) => {
    const error = nameError(name);
    if (error !== null) return { world, outcome: error };
    return discover(world, by, name, checksUpcall, (s) => s.name === name);
  };
}

/**
 * Whether the board loads one app without a package name (a TBF header
 * need not carry one): `none`, or the last client. Only the package-name
 * registry reads it: its register answers NOMEM for such a process
 * (ipc_registry_package_name.rs:106-114).
 */
export const nameless = choiceParam('nameless', { doc: 'an app without a package name: none, or the last client (package-name register answers NOMEM)', choices: ['none', 'last'] });

/** The package name the kernel holds for slot `index`: its name, or empty for the nameless app. */
function packageNameOf(world: World, index: number): string {
  return nameless.of(world) === 'last' && index === world.params.clients ? '' : slotAt(world, index).name;
}

/** Package-name command 1: NOMEM without a package name; else the caller is registered under it; names need not be unique. */
export const registerPackage: Handler<Ipc2026Of<'register-package'>> = (world, { by }) => {
  if (packageNameOf(world, by) === '') return { world, outcome: outcome('NOMEM', 'the process has no package name') };
  const told = scheduleUpcall(withState(world, by, (s) => ({ ...s, package: true })), by, 'registered', 'SUCCESS', null);
  return { world: told.world, outcome: outcome('SUCCESS', `registered as "${slotAt(world, by).name}"; ${upcallNote('registered', 'SUCCESS', by, told.queued)}`) };
};

/** Package-name command 2: the first other registered process whose package name is `name`. */
export const discoverPackage: Handler<Ipc2026Of<'discover-package'>> = discoverPackageRule(false);

/** Package-name discover; `checksUpcall` as `discover` says. */
export function discoverPackageRule(checksUpcall: boolean): Handler<Ipc2026Of<'discover-package'>> {
  return (world, { by, name }) => discover(world, by, name, checksUpcall, (s, j) => s.package === true && packageNameOf(world, j) === name);
}
