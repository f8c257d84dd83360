#!/usr/bin/env bash
# The README's promise: the tests pass on a clone of the repository with nothing beside it.
# Clones the committed tree into a scratch folder (where there is no ../shared), runs the
# native suite there, and checks that the tests reading ../shared said they skipped.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git clone --quiet "$ROOT" "$scratch/checkout"
[ ! -e "$scratch/shared" ] || { echo "error: $scratch/shared exists" >&2; exit 1; }
cd "$scratch/checkout"
# The main checkout's build directory: the dependencies are not compiled again, only the
# project's own crates (their path differs).
output=$(CARGO_TARGET_DIR="$ROOT/target" cargo test -p competency-core \
  -p competency-cli -p competency-sheet -p competency-fallback-signer -p competency-case-import --locked -- --nocapture 2>&1) || {
  printf '%s\n' "$output" | tail -40 >&2
  echo "error: the native suite fails on a clone without ../shared" >&2
  exit 1
}
skipped=$(printf '%s\n' "$output" | grep -c "^skipped: .*shared/case-samples is absent" || true)
if [ "$skipped" -eq 0 ]; then
  echo "error: no test said it skipped for want of ../shared/case-samples" >&2
  exit 1
fi
echo "the native suite passes on a clone without ../shared ($skipped checks skipped, each saying so)"
