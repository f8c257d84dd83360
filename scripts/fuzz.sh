#!/usr/bin/env bash
# Fuzzes the framework loader for $1 seconds (default 600) with cargo-fuzz, starting from the
# bundled framework and every fixture. Needs a nightly toolchain; not part of `make test`.
# A crash leaves its input in fuzz/artifacts/.
source "$(dirname "$0")/tools.sh"
seconds=${1:-600}
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz into $TOOLS_DIR"
  cargo +nightly install cargo-fuzz --root "$TOOLS_DIR"
fi
corpus=fuzz/corpus/framework_from_json
mkdir -p "$corpus"
cp crates/core/frameworks/*.json crates/core/tests/fixtures/*/*.json "$corpus"/
say "fuzzing the framework loader for $seconds s"
cd fuzz
exec cargo +nightly fuzz run framework_from_json -- -max_total_time="$seconds" -max_len=262144
