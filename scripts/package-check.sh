#!/usr/bin/env bash
# The package as a user installs it: packs the tarball (prepack builds dist/),
# installs it into a fresh folder and uses it there: `check` and `explore`
# (two worker threads) from code, the vitest matcher passing and failing,
# the types from a TypeScript file, and the installed CLI. Exits non-zero,
# saying which, on the first thing that does not work.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
fail() { echo "package-check: $*" >&2; exit 1; }
version() { node -p "require('$ROOT/node_modules/$1/package.json').version"; }

cd "$ROOT"
npm pack --silent --pack-destination "$WORK" >/dev/null
TARBALL="$(ls "$WORK"/tock-ipc-check-*.tgz)"
tar -tzf "$TARBALL" > "$WORK/contents.txt"
grep -q '^package/dist/index.d.ts$' "$WORK/contents.txt" || fail "the tarball has no dist/index.d.ts"
if grep -q '^package/engine/' "$WORK/contents.txt"; then fail "the tarball ships the TypeScript sources"; fi

cd "$WORK"
npm init -y >/dev/null
npm pkg set type=module
npm install --silent --no-audit --no-fund "$TARBALL" "vitest@$(version vitest)" "typescript@$(version typescript)" "@types/node@$(version @types/node)"
[ ! -e node_modules/tsx ] || fail "tsx was installed: it must not be a dependency"

echo "package-check: check from code"
node --input-type=module -e "import { check } from 'tock-ipc-check';
const r = await check({ design: 'tock-2.2', seed: 1 });
console.log(JSON.stringify(r))" > check.json
node -e "const r = require('./check.json'); const i = r.results.find((x) => x.property === 'isolation');
if (r.tool !== 'tock-ipc-check' || i?.status !== 'violated') { console.error(JSON.stringify(i)); process.exit(1); }" || fail "check: isolation is not violated"

echo "package-check: explore with two workers"
node --input-type=module -e "import { explore } from 'tock-ipc-check';
const r = await explore({ design: 'tock-2.2', arch: 'abstract', clients: 1, buffers: 1, restarts: 0, maxDepth: 5, workers: 2 });
const v = r.verdicts.find((x) => x.property === 'revocation');
if (v?.status !== 'violated' || r.states !== 18231) { console.error(JSON.stringify(v), r.states); process.exit(1); }" || fail "explore with two workers did not find the revocation violation"

echo "package-check: types from the declarations"
cat > typed.ts <<'TS'
import { check, type CheckReport } from 'tock-ipc-check';
const report: CheckReport = check({ design: 'tock-2.2', runs: 10 });
const wrong: number = report.results;
export { wrong };
TS
if npx tsc --noEmit --strict --module nodenext --moduleResolution nodenext --types node typed.ts > tsc.out 2>&1; then fail "tsc accepted a CheckReport's results as a number: the declarations do not resolve"; fi
grep -q "typed.ts(3,7): error TS2322" tsc.out || { cat tsc.out; fail "tsc did not type the API as declared"; }
sed -i '/wrong/d' typed.ts
npx tsc --noEmit --strict --module nodenext --moduleResolution nodenext --types node typed.ts || fail "tsc rejected a correct use of the API"

echo "package-check: the vitest matcher"
cat > holds.test.ts <<'TS'
import { expect, it } from 'vitest';
import 'tock-ipc-check/vitest';
it('share-proposal keeps isolation', async () => {
  await expect('share-proposal').toHoldProperty('isolation', { arch: 'abstract', runs: 200, seed: 1 });
});
TS
cat > breaks.test.ts <<'TS'
import { expect, it } from 'vitest';
import 'tock-ipc-check/vitest';
it('tock-2.2 keeps isolation', async () => {
  await expect('tock-2.2').toHoldProperty('isolation', { seed: 1, saveTo: 'found' });
});
TS
npx vitest run holds.test.ts > holds.out 2>&1 || { cat holds.out; fail "the matcher failed on a held property"; }
if npx vitest run breaks.test.ts > breaks.out 2>&1; then fail "the matcher passed on a violated property"; fi
grep -q 'VIOLATED  isolation' breaks.out && grep -qE '^ +1\. ' breaks.out || { cat breaks.out; fail "the matcher's failure shows no numbered counterexample"; }
ls found/tock-2.2/*.json > /dev/null 2>&1 || fail "the matcher saved no counterexample file"

echo "package-check: the installed CLI"
set +e
npx tock-ipc-check check --design tock-2.2 --runs 200 > cli.out 2>&1
status=$?
set -e
[ "$status" -eq 1 ] && grep -q 'properties violated' cli.out || { cat cli.out; fail "npx tock-ipc-check check exited $status"; }
npx tock-ipc-check explore --design tock-2.2 --arch abstract --clients 1 --buffers 1 --restarts 0 --max-depth 5 --workers 2 > explore.out 2>&1 || [ $? -eq 1 ] || { cat explore.out; fail "npx tock-ipc-check explore --workers 2 failed"; }
grep -q 'VIOLATED      revocation' explore.out || { cat explore.out; fail "the installed explore did not report the violation"; }
echo "package-check: a design file of the user's own"
sed "s#from '../index.ts'#from 'tock-ipc-check'#" "$ROOT/examples/lend-design.ts" > lend-design.ts
set +e
npx tock-ipc-check check --design ./lend-design.ts --runs 100 > no-tsx.out 2>&1
status=$?
set -e
[ "$status" -eq 2 ] && grep -q 'needs tsx' no-tsx.out || { cat no-tsx.out; fail "a TypeScript design file without tsx: exit $status, not 2 naming tsx"; }
npm install --silent --no-audit --no-fund "tsx@$(version tsx)"
npx tock-ipc-check check --design ./lend-design.ts --runs 100 > lend.out 2>&1 || [ $? -eq 1 ] || { cat lend.out; fail "the user's design file did not load with tsx installed"; }
grep -q 'VIOLATED  revocation' lend.out || { cat lend.out; fail "the user's design: revocation not found violated"; }
npx tock-ipc-check explore --design ./lend-design.ts --arch abstract --clients 1 --max-depth 4 --workers 2 > lend-explore.out 2>&1 || [ $? -eq 1 ] || { cat lend-explore.out; fail "explore of the user's design with two workers failed"; }
grep -q 'VIOLATED      revocation' lend-explore.out || { cat lend-explore.out; fail "the worker threads did not load the user's design"; }
echo "package-check: all passed"
