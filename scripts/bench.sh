#!/usr/bin/env bash
# Builds the release bundle, loads it in headless Chromium, and prints the size of every file
# the page loads (raw, gzip -9, brotli -q 11) against size-budget.json, and how long the page
# takes to show the framework. Exits non-zero when the page is over budget.
source "$(dirname "$0")/tools.sh"
ensure_test_tools
build_dist
node scripts/bench.mjs
