import type { Action } from '../model/index.ts';

/**
 * `client` shares `buffer` with the service (slot 0) and notifies it; the
 * kernel runs both delivery stages (the IPC task, then the upcall, which the
 * service must have subscribed as upcall 0).
 */
export function shareAndDeliver(client: number, buffer: number): Action[] {
  return [
    { type: 'share', by: client, to: 0, buffer },
    { type: 'notify', by: client, to: 0, kind: 'service' },
    { type: 'deliver', process: 0 },
    { type: 'deliver', process: 0 },
  ];
}
