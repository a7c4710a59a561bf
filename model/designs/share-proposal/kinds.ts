import { actionKind, bufferField, nameField, slotField, type ActionOf } from '../../action-kind.ts';
import { KERNEL_KINDS } from '../../kernel-kinds.ts';

/**
 * The syscalls of design `share-proposal` (SPEC.md section 4), then the
 * kernel's memory access and restart. A process names another by the IPC
 * identifier it discovered (its slot and the generation it learned); a
 * share is named by its owner and the owner's buffer.
 */
export const SHARE_KINDS = {
  /** Look up the registry: the identifier of the first running process with package name `name`, skipping the caller. */
  discover: actionKind({ fields: { by: slotField, name: nameField }, actor: 'by', by: 'process', format: (x) => `#${x.by} discover "${x.name}"` }),
  /** Share own buffer `buffer` with the process whose identifier `by` holds for slot `to`. */
  share: actionKind({
    fields: { by: slotField, to: slotField, buffer: bufferField },
    actor: 'by',
    by: 'process',
    format: (x) => `#${x.by} share b${x.buffer} with #${x.to}`,
  }),
  /** Revoke the share of own buffer `buffer`, at once. */
  unshare: actionKind({ fields: { by: slotField, buffer: bufferField }, actor: 'by', by: 'process', format: (x) => `#${x.by} unshare b${x.buffer}` }),
  /** Map the buffer `buffer` that slot `from` shared with `by` into `by`'s MPU configuration. */
  activate: actionKind({
    fields: { by: slotField, from: slotField, buffer: bufferField },
    actor: 'by',
    by: 'process',
    format: (x) => `#${x.by} activate #${x.from}.b${x.buffer}`,
  }),
  /** Give the region of an active share back: it leaves `by`'s MPU configuration; the share stays. */
  deactivate: actionKind({
    fields: { by: slotField, from: slotField, buffer: bufferField },
    actor: 'by',
    by: 'process',
    format: (x) => `#${x.by} deactivate #${x.from}.b${x.buffer}`,
  }),
  access: KERNEL_KINDS.access,
  restart: KERNEL_KINDS.restart,
};

/** An action of design `share-proposal`. */
export type ShareAction = ActionOf<typeof SHARE_KINDS>;
