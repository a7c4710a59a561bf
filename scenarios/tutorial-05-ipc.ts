import { bufferAddress, defaultParams, hex, slotAt, type World } from '../model/index.ts';
import { defineScenario } from './define.ts';

const params = defaultParams('abstract');
const at = (owner: number, buffer: number) => hex(bufferAddress(params, owner, buffer));

/** Each service was handed the logic client's buffer meant for it, and the client learned both services. */
function bothServicesServed(world: World): string | null {
  const handed = (service: number, buffer: number) => slotAt(world, service).app.pointers.some((p) => p.owner === 1 && p.buffer === buffer);
  if (!handed(2, 0)) return 'the led service (#2) was never handed the client buffer #1.b0';
  if (!handed(0, 2)) return 'the rng service (#0) was never handed the client buffer #1.b2';
  const knows = slotAt(world, 1).app.handles;
  return knows[0] === 0 && knows[2] === 0 ? null : 'the logic client never heard back from both services';
}

/**
 * libtock-c's IPC tutorial (examples/tutorials/05_ipc at master 497ea7cf),
 * its C calls in order: the rng service (#0, package name `service` in the
 * model) and the led service (#2, `client2`) each call
 * `ipc_register_service_callback`, which discovers the app's own name and
 * subscribes the upcall numbered by its own index; the logic client (#1)
 * discovers led, registers its callback on led's index and shares its
 * 64-byte `_led_buf` (b0), then the same for rng (`_rng_buf`, b2, on the
 * abstract MPU, which maps any buffer exactly), then asks led for the LED
 * count, rng for two random bytes and led to set an LED, each time
 * `ipc_notify_service` then `yield_for(&_done)` until the service's
 * `ipc_notify_client`. Each service writes the client's buffer from its
 * callback. Every property holds.
 */
export const tutorial05Ipc = defineScenario({
  id: 'tutorial-05-ipc',
  summary: "libtock-c's 05_ipc tutorial: rng and led services, the logic client asking each in turn",
  params,
  readAs: 'tock-2.2',
  steps: `
    #0 discover "service"                -> SUCCESS(0)   // rng: ipc_register_service_callback
    #0 subscribe upcall 0                -> SUCCESS
    #2 discover "client2"                -> SUCCESS(2)   // led: ipc_register_service_callback
    #2 subscribe upcall 2                -> SUCCESS
    #1 discover "client2"                -> SUCCESS(2)   // logic: ipc_discover(led)
    #1 subscribe upcall 2                -> SUCCESS      // ipc_register_client_callback(led)
    #1 share b0 into slot 2              -> SUCCESS      // ipc_share(led, _led_buf, 64)
    #1 discover "service"                -> SUCCESS(0)   // ipc_discover(rng)
    #1 subscribe upcall 0                -> SUCCESS
    #1 share b2 into slot 0              -> SUCCESS      // ipc_share(rng, _rng_buf, 64)
    #1 notify-service #2                 -> SUCCESS      // get_number_of_leds
    kernel runs #2 (dequeue one task)    -> IPC
    kernel runs #2 (dequeue one task)    -> UPCALL       // led's callback, handed _led_buf
    #2 touches ${at(1, 0)}               -> OK           // buffer[0] = _number_of_leds
    #2 notify-client #1                  -> SUCCESS
    kernel runs #1 (dequeue one task)    -> IPC          // logic's yield_for
    kernel runs #1 (dequeue one task)    -> UPCALL       // _done = true
    #1 notify-service #0                 -> SUCCESS      // get_two_random_bytes
    kernel runs #0 (dequeue one task)    -> IPC
    kernel runs #0 (dequeue one task)    -> UPCALL       // rng's callback, handed _rng_buf
    #0 touches ${at(1, 2)}               -> OK           // memcpy(buffer, rng, n)
    #0 notify-client #1                  -> SUCCESS
    kernel runs #1 (dequeue one task)    -> IPC
    kernel runs #1 (dequeue one task)    -> UPCALL
    #1 notify-service #2                 -> SUCCESS      // set_led
    kernel runs #2 (dequeue one task)    -> IPC
    kernel runs #2 (dequeue one task)    -> UPCALL
    #2 touches ${at(1, 0)}               -> OK           // reads index and state
    #2 notify-client #1                  -> SUCCESS
    kernel runs #1 (dequeue one task)    -> IPC
    kernel runs #1 (dequeue one task)    -> UPCALL
  `,
  expected: { 'tock-2.2': {} },
  end: { says: 'each service was handed its buffer, and the client heard back from both', missing: bothServicesServed },
});
