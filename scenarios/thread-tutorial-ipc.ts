import { bufferAddress, defaultParams, hex, slotAt, type World } from '../model/index.ts';
import { defineScenario } from './define.ts';

const params = defaultParams('abstract');
const at = (owner: number, buffer: number) => hex(bufferAddress(params, owner, buffer));

/** The screen ran both replies' upcalls, and each service was handed the screen's buffer meant for it. */
function screenUpdated(world: World): string | null {
  const handed = (service: number, buffer: number) => slotAt(world, service).app.pointers.some((p) => p.owner === 1 && p.buffer === buffer);
  if (!handed(0, 0) || !handed(2, 2)) return 'a service was never handed the screen buffer meant for it';
  return slotAt(world, 1).tasks.context.tasks.length === 0 && slotAt(world, 1).app.handles[0] === 0 ? null : 'the screen has replies left to run';
}

/**
 * libtock-c's Thread tutorial (examples/tutorials/thread_tutorials/
 * temperature_sensor at master 497ea7cf): 11_sensor_ipc, the sensor
 * service (#0, package name `service` in the model), registers its
 * service callback; 12_openthread_ipc (#2, `client2`) does the same;
 * 10_screen_ipc (#1) discovers both in one pass of its retry loop,
 * registers a client callback and shares a 64-byte buffer with each
 * (`temperature_buffer` b0 with the sensor, `openthread_buffer` b2 with
 * openthread), notifies the sensor once at start and openthread from its
 * 500 ms timer. Each service writes its reply into the screen's buffer
 * and notifies it back; the screen runs both callbacks. Every property
 * holds.
 */
export const threadTutorialIpc = defineScenario({
  id: 'thread-tutorial-ipc',
  summary: "libtock-c's Thread tutorial: the screen asks the sensor for the temperature and openthread for the setpoint",
  params,
  readAs: 'tock-2.2',
  steps: `
    #0 discover "service"                -> SUCCESS(0)   // sensor: ipc_register_service_callback
    #0 subscribe upcall 0                -> SUCCESS
    #2 discover "client2"                -> SUCCESS(2)   // openthread: ipc_register_service_callback
    #2 subscribe upcall 2                -> SUCCESS
    #1 discover "service"                -> SUCCESS(0)   // screen: init_controller_ipc, first pass
    #1 discover "client2"                -> SUCCESS(2)
    #1 subscribe upcall 0                -> SUCCESS      // ipc_register_client_callback(sensor)
    #1 share b0 into slot 0              -> SUCCESS      // ipc_share(sensor, temperature_buffer, 64)
    #1 subscribe upcall 2                -> SUCCESS
    #1 share b2 into slot 2              -> SUCCESS      // ipc_share(openthread, openthread_buffer, 64)
    #1 notify-service #0                 -> SUCCESS      // the first temperature request
    #1 notify-service #2                 -> SUCCESS      // update_network_timer_callback
    kernel runs #0 (dequeue one task)    -> IPC
    kernel runs #0 (dequeue one task)    -> UPCALL       // sensor_ipc_callback
    #0 touches ${at(1, 0)}               -> OK           // memcpy(buf, &current_temperature, 4)
    #0 notify-client #1                  -> SUCCESS
    kernel runs #2 (dequeue one task)    -> IPC
    kernel runs #2 (dequeue one task)    -> UPCALL       // openthread_ipc_callback
    #2 touches ${at(1, 2)}               -> OK           // reads the local setpoint, writes the global one
    #2 notify-client #1                  -> SUCCESS
    kernel runs #1 (dequeue one task)    -> IPC          // the screen's yield_for
    kernel runs #1 (dequeue one task)    -> IPC
    kernel runs #1 (dequeue one task)    -> UPCALL       // sensor_callback
    kernel runs #1 (dequeue one task)    -> UPCALL       // openthread_callback
  `,
  expected: { 'tock-2.2': {} },
  end: { says: 'both services were handed their buffers and the screen ran both replies', missing: screenUpdated },
});
