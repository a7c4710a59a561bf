import { variant, type Design, type Handler, type StepResult } from '../../design.ts';
import type { Action } from '../../action-kind.ts';
import { ipc2026, ipc2026Fair } from './design.ts';
import { cancelRule, disableRule, respondRule } from './relay.ts';
import { discoverNameRule, discoverPackageRule } from './registries.ts';

/**
 * `ipc-2026` with one fix each, not Tock's code: the smallest change to
 * the capsule that makes the checker report held the property that
 * `ipc-2026` breaks (docs/ipc-2026-findings.md argues each). Each
 * provides one command's rule over the design's kernel machine; the
 * last is the fairness branch with all of them, which holds everything.
 */
const rule = (handler: Handler<any>) => (step: StepResult, action: Action) => handler(step.world, action);

/** The rules that refuse (NOMEM) rather than lose the upcall carrying their answer. */
const upcallChecked = { respond: rule(respondRule(true)), 'discover-name': rule(discoverNameRule(true)), 'discover-package': rule(discoverPackageRule(true)) };

export const IPC_2026_VARIANTS: readonly Design[] = [
  variant(ipc2026, 'ipc-2026/cancel-ends-take', "ipc-2026, but cancel also ends the transaction of a server that took the request", { actions: { cancel: rule(cancelRule(true)) } }),
  variant(ipc2026, 'ipc-2026/disable-keeps-request', "ipc-2026, but disable clears only the caller's server transaction, never its own request", {
    actions: { disable: rule(disableRule({ keepsOwnRequest: true, checksUpcall: false })) },
  }),
  variant(ipc2026, 'ipc-2026/upcall-checked', 'ipc-2026, but respond, disable and discover check that the upcall carrying their answer can be queued', {
    actions: { ...upcallChecked, disable: rule(disableRule({ keepsOwnRequest: false, checksUpcall: true })) },
  }),
  variant(ipc2026Fair, 'ipc-2026-fair/fixed', 'ipc-2026-fair with the fixes of ipc-2026/cancel-ends-take, disable-keeps-request and upcall-checked', {
    actions: { ...upcallChecked, cancel: rule(cancelRule(true)), disable: rule(disableRule({ keepsOwnRequest: true, checksUpcall: true })) },
  }),
];
