#!/usr/bin/env bash
# Rewrites counterexamples/: what the legacy design's checks find with fixed
# seeds, what share-proposal's variants break, what Tock's 2026 capsules
# break, and the hand-written hazard scenarios. Run after a reviewed model
# change; the test suite replays every file.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf counterexamples
run() { node bin/tock-ipc-check.mjs check --save "$@" >/dev/null || [ $? -eq 1 ]; }
run --seed 1
run --arch abstract --seed 1 --property graceful-exhaustion
run --arch cortex-m33 --buffers 3 --seed 1 --property isolation
# share-proposal's variants, each without one rule: what the rule protects, broken.
run --design share-proposal/no-map-check --arch cortex-m33 --seed 1
run --design share-proposal/no-overlap-check --seed 1
run --design share-proposal/no-activation-check --arch abstract --seed 1
run --design share-proposal/no-unshare-revocation --seed 1
run --design share-proposal/no-end-revocation --seed 1
run --design share-proposal/no-instance-checks --seed 1
# Tock's 2026 capsules: each defect the checker finds (docs/ipc-2026-findings.md).
run --design ipc-2026 --seed 1
run --design ipc-2026 --arch abstract --queue 1 --param capsules=relay --seed 1
run --design ipc-2026 --arch abstract --impostor 1 --param capsules=string-name --seed 1 --property discovery
run --design ipc-2026 --arch abstract --impostor 1 --param capsules=package-name --param registration=owner --seed 1 --property discovery
node --import tsx scripts/save-scenarios.ts
ls counterexamples/*/
