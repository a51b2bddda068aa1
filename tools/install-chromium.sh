#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/test_browser*.py): Playwright cannot download its own browser
# where only the package registries are reachable. `make test` runs this first; it does nothing when a Chromium is
# already on PATH or $CHROMIUM names one. Without root or password-less sudo, or offline, it says why and the browser
# tests are skipped (each with its reason); the rest of the suite still runs.
set -uo pipefail

# The same names tests/test_browser.py looks for (GitHub's runner image has Google Chrome).
if [ -n "${CHROMIUM:-}" ]; then
    exit 0
fi
for name in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$name" >/dev/null 2>&1; then
        exit 0
    fi
done
if ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium: no apt-get here; install Chromium or set CHROMIUM=/path, else the browser tests are skipped"
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo -n"
    else
        echo "chromium: not root and no password-less sudo; run 'sudo apt-get install chromium', else the browser tests are skipped"
        exit 0
    fi
fi
echo "chromium: installing Debian's chromium for the browser tests"
export DEBIAN_FRONTEND=noninteractive
if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null; }; then
    echo "chromium could not be installed; the browser tests will be skipped"
fi
exit 0
