#!/usr/bin/env bash
# Builds the release bundle, loads it in headless Chromium, and prints the size of every file
# the page loads (raw, gzip -9, brotli -q 11) against size-budget.json, and how long the page
# takes to show the framework, the time from a click to an answer stored and from submitting
# to a signed result; then the command-line tool's throughput: verifying results, and
# aggregating 10,000 signed results into 360 reports, its peak memory verifying the largest
# result it accepts, and the intake service's uploads a second and latency. Exits non-zero
# when the page is over budget.
source "$(dirname "$0")/tools.sh"
ensure_test_tools
build_dist
status=0
node scripts/bench.mjs || status=$?
say "peak memory of the command-line tool verifying results"
cargo build --quiet -p competency-cli --profile cli --locked
node scripts/bench-memory.mjs target/cli/competency
say "verification throughput of the command-line tool (criterion)"
cargo bench -p competency-cli --bench verify -- --noplot 2>&1 | grep -E "^verify|time:|thrpt:"
say "aggregation throughput of the command-line tool, 10,000 signed results (criterion)"
cargo bench -p competency-cli --bench aggregate -- --noplot 2>&1 | grep -E "^aggregate|time:|thrpt:"
say "the results intake service (competency serve): 1,000 uploads from 50 clients at once"
cargo bench -p competency-cli --bench intake 2>&1 | grep -E "^intake"
exit $status
