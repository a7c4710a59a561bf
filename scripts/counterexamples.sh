#!/usr/bin/env bash
# Rewrites counterexamples/: what the legacy design's checks find with fixed
# seeds, plus the hand-written hazard scenarios. Run after a reviewed model
# change; the test suite replays every file.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf counterexamples
run() { node bin/tock-ipc-check.mjs check --save "$@" >/dev/null || [ $? -eq 1 ]; }
run --seed 1
run --arch abstract --seed 1 --property graceful-exhaustion
run --arch cortex-m33 --buffers 3 --seed 1 --property isolation
node --import tsx scripts/save-scenarios.ts
ls counterexamples/*/
