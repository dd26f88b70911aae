#!/usr/bin/env bash
# Runs the headless-browser test of the search page: indexes the fixture
# articles, serves them with lighttpd (mod_cgi) and drives the system
# Chromium through playwright-core (page.test.mjs).  Screenshots go to
# $PX_ARTIFACTS (the build folder under ctest).
#
# Exits 77, which ctest reports as skipped, when Chromium, node or the npm
# packages are missing; install them with
#   apt-get install chromium nodejs npm && npm ci --prefix tests/browser
here=$(cd "$(dirname "$0")" && pwd)
chromium=${PX_CHROMIUM:-/usr/bin/chromium}
# PX_REQUIRE_BROWSER=1 (set by scripts/test) turns a skip into a failure.
skip() {
  echo "SKIPPED: $*"
  [[ ${PX_REQUIRE_BROWSER:-0} == 1 ]] && exit 1
  exit 77
}
[[ -x $chromium ]] || skip "no Chromium at $chromium (Debian: chromium)"
command -v node >/dev/null || skip "node is not installed (Debian: nodejs)"
[[ -d $here/node_modules/playwright-core ]] ||
  skip "playwright-core is not installed (npm ci --prefix tests/browser)"

source "$here/../cgi/lib.sh"
artifacts=${PX_ARTIFACTS:-$tmp/artifacts}
mkdir -p "$artifacts"
make_index
start_server cgi
PX_BASE_URL=$base PX_CHROMIUM=$chromium PX_SHOTS=$artifacts \
  node "$here/page.test.mjs" || fail "browser test (see above)"
stop_server
finish
