# Sourced by the other scripts. The one place that pins the tools the build and the tests need,
# and installs whichever is missing or at another version. Nothing is downloaded by trunk or by
# a test tool itself.
#
#   rust toolchain   rust-toolchain.toml (with the wasm32 target, clippy, rustfmt, and rust-src
#                    for the release bundle's standard library)
#   trunk            TRUNK_VERSION below (0.22 needs a newer rustc than the pinned toolchain)
#   wasm-bindgen     the version in Cargo.lock, which Trunk.toml must name too
#   wasm-split-cli   WASM_SPLIT_VERSION below (wasm_split_cli_support, which splits the widget's
#                    WebAssembly at its wasm_split points: scripts/split.sh)
#   wasm-opt         npm's binaryen, pinned in package.json / package-lock.json
#   esbuild          package.json / package-lock.json: minifies a release's scripts
#                    (scripts/postbuild.mjs)
#   playwright-core  package.json / package-lock.json (drives Debian's Chromium, no download)
#   chromium         Debian's chromium and chromium-driver; poppler-utils' pdftotext, which
#                    reads back the reports Chromium prints to PDF (and pdftoppm, which
#                    rasterises printed invitation slips); time, which measures peak memory
#
# Cargo-installed tools go to $COMPETENCY_TOOLS_DIR (default ~/.cache/competency-widget), so
# that a second run, or a second clone, skips them.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TRUNK_VERSION=0.21.14
# The splitter matching the wasm_split_helpers that Leptos 0.8 uses.
WASM_SPLIT_VERSION=0.2.4
TOOLS_DIR=${COMPETENCY_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/competency-widget}
export PATH="$TOOLS_DIR/bin:$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen version Cargo.lock resolved: the CLI and test runner must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_rust() {
  local log
  log=$({ rustup toolchain install &&
    rustup target add wasm32-unknown-unknown &&
    rustup component add clippy rustfmt rust-src; } 2>&1) || die "rustup failed: $log"
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION into $TOOLS_DIR (about 12 minutes on 2 cores)"
    cargo install --locked trunk --version "$TRUNK_VERSION" --root "$TOOLS_DIR"
  fi
}

ensure_wasm_bindgen() {
  local version
  version=$(wasm_bindgen_version)
  [ -n "$version" ] || die "no wasm-bindgen in Cargo.lock"
  grep -q "^wasm_bindgen = \"$version\"$" Trunk.toml ||
    die "Trunk.toml's [tools] wasm_bindgen must be \"$version\", the version in Cargo.lock"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ] ||
    [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $version" ]; then
    say "installing wasm-bindgen-cli $version into $TOOLS_DIR (about 6 minutes on 2 cores)"
    # Not --locked: its lock file names a dependency version the registry no longer has.
    cargo install wasm-bindgen-cli --version "$version" --root "$TOOLS_DIR" --force
  fi
}

ensure_wasm_split() {
  if [ ! -x "$TOOLS_DIR/bin/wasm-split-cli" ] ||
    [ "$(cat "$TOOLS_DIR/wasm-split-cli.version" 2>/dev/null)" != "$WASM_SPLIT_VERSION" ]; then
    say "installing wasm-split-cli $WASM_SPLIT_VERSION into $TOOLS_DIR (about 2 minutes on 2 cores)"
    cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" \
      --features build-binary --root "$TOOLS_DIR" --force
    echo "$WASM_SPLIT_VERSION" >"$TOOLS_DIR/wasm-split-cli.version"
  fi
}

ensure_node_modules() {
  command -v npm >/dev/null || die "Node.js 20 or newer (with npm) is needed"
  if ! cmp -s package-lock.json node_modules/.installed-lock.json; then
    say "installing the npm tooling (binaryen's wasm-opt, esbuild, playwright-core)"
    npm ci --no-audit --no-fund
    cp package-lock.json node_modules/.installed-lock.json
  fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -x /usr/bin/pdftotext ] &&
    [ -x /usr/bin/time ]; then
    return
  fi
  say "installing Debian's chromium, chromium-driver, poppler-utils and time"
  local sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends \
    chromium chromium-driver poppler-utils time
}

ensure_build_tools() {
  ensure_rust
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_split
  ensure_node_modules
}

ensure_test_tools() {
  ensure_build_tools
  ensure_chromium
}

# The release bundle a portal deploys, in dist/, each file with its brotli and gzip copies.
#
# Its WebAssembly is built with the standard library compiled again for size, and a panic stops
# the module at once (a trap, which src/crash.rs turns into the crash notice) instead of
# formatting its message: 17 KB brotli less in the widget. Both are unstable options of the
# pinned toolchain (rust-toolchain.toml), enabled for this build only by RUSTC_BOOTSTRAP; the
# debug builds (make serve) and every test build keep the usual panics with their messages.
build_dist() {
  local release=(
    RUSTC_BOOTSTRAP=1
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
  )
  cargo fetch --locked
  # The standard library's own dependencies too: trunk builds offline.
  env "${release[@]}" cargo fetch --locked --target wasm32-unknown-unknown
  env "${release[@]}" trunk build --release
  node scripts/compress.mjs dist
}
