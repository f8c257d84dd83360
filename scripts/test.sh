#!/usr/bin/env bash
# Installs what is missing, then runs every check CI runs, in order, stopping at the first
# failure: formatting, lints (native and wasm32), native tests, component tests in headless
# Chromium, then end-to-end tests against the release bundle served on 127.0.0.1.
source "$(dirname "$0")/tools.sh"
# Every crate is built once here: incremental state would only take disk space.
export CARGO_INCREMENTAL=0

started=$SECONDS
step() {
  local name=$1 t=$SECONDS
  shift
  say "$name"
  "$@"
  printf '    %s: %ss\n' "$name" $((SECONDS - t)) >&2
}

step "install missing tools" ensure_test_tools
step "rustfmt" cargo fmt --all --check
step "clippy, native" cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy, wasm32 (app)" cargo clippy -p competency-widget --all-targets -p competency-fallback-signer \
  -p competency-case-import -p competency-sheet-screen -p competency-module-dom -p competency-console \
  -p competency-signing --features competency-widget/split --target wasm32-unknown-unknown --locked \
  -- -D warnings
# The domain crate's tests have native-only dev-dependencies: on wasm32 its library is linted,
# in a command of its own so that those dev-dependencies' features are not resolved with it.
step "clippy, wasm32 (domain)" cargo clippy -p competency-core --lib \
  --target wasm32-unknown-unknown --locked -- -D warnings
step "tests, native (domain, CLI, spreadsheet, fallback signer, CASE import)" cargo test -p competency-core \
  -p competency-cli -p competency-sheet -p competency-fallback-signer -p competency-case-import --locked
# CI has the shared CASE samples beside the checkout; a clone anywhere else runs without them.
[ -d "$ROOT/../shared/case-samples" ] ||
  say "note: $ROOT/../shared/case-samples is absent: the tests that read it passed without it"
step "tests, native, on a clone with nothing beside it" scripts/fresh-clone-test.sh

# wasm-bindgen-test-runner drives Chromium through chromedriver, with a fresh profile.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cat >"$scratch/webdriver.json" <<JSON
{
  "goog:chromeOptions": {
    "binary": "/usr/bin/chromium",
    "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             "--user-data-dir=$scratch/profile"]
  }
}
JSON
step "tests, components in headless Chromium" env CHROMEDRIVER=/usr/bin/chromedriver \
  WASM_BINDGEN_TEST_WEBDRIVER_JSON="$scratch/webdriver.json" \
  cargo test -p competency-widget -p competency-fallback-signer --target wasm32-unknown-unknown --locked

step "release bundle" build_dist
step "tests, end to end in headless Chromium" node --test --test-concurrency=1 tests/e2e/*.test.mjs

say "all checks passed in $((SECONDS - started))s"
