import { describe, expect, it } from 'vitest';
import 'tock-ipc-check/vitest';

describe('the IPC designs we rely on', () => {
  it('share-proposal keeps isolation', async () => {
    await expect('share-proposal').toHoldProperty('isolation', { arch: 'abstract', runs: 300, seed: 1 });
  });

  it('tock-2.2 does not: its legacy IPC leaves a shared buffer mapped', async () => {
    await expect('tock-2.2').not.toHoldProperty('isolation', { seed: 1, saveTo: null });
  });
});
