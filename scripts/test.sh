#!/usr/bin/env bash
# The whole test suite, as CI runs it (`npm test`): starts the real services it needs (Docker Engine,
# registry; installs Debian packages incl. Chromium when missing), then lint, types, unit, integration
# against the engine and registry, the production build, and browser tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }

step "services"
eval "$(bash scripts/services.sh start)"
export DOCKER_HOST BASESCOPE_TEST_REGISTRY BASESCOPE_SERVICES_DIR

step "prisma generate"
bash scripts/prisma.sh generate >/dev/null

step "lint and format"
npx eslint . --max-warnings=0
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }

step "typecheck"
npx tsc --noEmit

step "unit tests"
npx vitest run --project unit

step "integration tests (real engine and registry)"
npx vitest run --project integration

step "production build"
npx next build >/tmp/basescope-next-build.log 2>&1 || { cat /tmp/basescope-next-build.log; exit 1; }

step "browser tests (Chromium)"
npx playwright test

step "done"
