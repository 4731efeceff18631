#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
# Install it when we can (root with apt); otherwise the browser tests are skipped with a
# warning — except under CI, where a missing browser fails the run (see conftest.py).
set -u
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ] && fc-list 2>/dev/null | grep -qi "Noto.*CJK"; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian chromium and CJK fonts for the browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
    || echo "WARNING: apt-get could not install chromium" >&2
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "WARNING: no Chromium at $CHROMIUM: browser tests will be SKIPPED (under CI=true they fail)." >&2
fi
exit 0
