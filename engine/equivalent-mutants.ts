/**
 * The mutants declared equivalent to their design, by id, each with why no
 * search can tell them apart (a guard that never changes the outcome in a
 * reachable state, an action whose effect a later one overwrites). They
 * count neither as killed nor as survived; `unknownEquivalents`
 * (./mutation.ts) checks only that each id is a mutant's.
 */
export const EQUIVALENT_MUTANTS: Readonly<Record<string, string>> = {
  'tock-2.2~guard:nothingQueued=never':
    "never true where deliver is enabled: the kernel offers a process's scheduling step only when its task queue holds a task (kernelActions, model/kernel-steps.ts), so the transition it guards never runs",
  'tock-2.2~action:idle=skip':
    'idle runs only when nothingQueued holds, which it never does where deliver is enabled (see tock-2.2~guard:nothingQueued=never); the IDLE result is unreachable in tock-2.2 and the coverage report says so',
  'share-proposal~guard:meantForAnother=never':
    'never true where activate is enabled: a share is made only for the live instance its identifier names (targetGone), and a restart or fault of that instance ends the shares made for it (revokeOnEnd), so the share an activation names is always for the instance now in its slot',
};
