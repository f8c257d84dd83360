#!/usr/bin/env bash
# Run by trunk after each build (Trunk.toml, [[hooks]] stage "post_build"), before
# scripts/postbuild.mjs: builds the widget's WebAssembly and splits it at its split points
# (see src/chunk.rs; under the `split` feature), into the staged bundle.
#
#   competency-widget.js, competency-widget_bg.wasm   what the page loads first
#   split_*.wasm                                       fetched on first use, one per split
#                                                      point (see ARCHITECTURE.md): the start
#                                                      screen, the later steps, what follows
#                                                      the first screen, the problem notices,
#                                                      the framework screen, the framework
#                                                      reader
#   chunk_*.wasm                                       what those share, fetched with either
#   __wasm_split.js                                    loads them into the same memory
#
# The split needs the linker's relocations (--emit-relocs) and runs before wasm-bindgen, so
# this build is trunk's no longer: its own build directory (target/split) keeps those flags
# away from the other crates' builds. wasm-bindgen keeps the function table's export, which
# the chunks import; wasm-opt then runs on each file (a release build) with the features the
# browsers have, not --all-features, whose compact imports Chromium refuses.
source "$(dirname "$0")/tools.sh"
staging=${TRUNK_STAGING_DIR:?run by trunk, which sets TRUNK_STAGING_DIR}
profile=${TRUNK_PROFILE:-release}
target="$ROOT/target/split"
build=(--target wasm32-unknown-unknown --bin competency-widget --features split --locked)
[ "$profile" = release ] && build+=(--release)
# RUSTFLAGS replaces the target's flags (build_dist's panic strategy), so they are passed on.
RUSTFLAGS="-Clink-args=--emit-relocs ${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-}" CARGO_TARGET_DIR="$target" cargo build "${build[@]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-split-cli "$target/wasm32-unknown-unknown/$profile/competency-widget.wasm" "$work" \
  --out-name competency-widget --target web
wasm-bindgen --target web --keep-lld-exports --no-typescript --out-dir "$staging" \
  --out-name competency-widget "$work/competency-widget.wasm"
# Code that two split points share and the first download does not is a chunk of its own
# (chunk_*.wasm), fetched with either.
shopt -s nullglob
cp "$work/__wasm_split.js" "$work"/split_*.wasm "$work"/chunk_*.wasm "$staging/"
if [ "$profile" = release ]; then
  for file in "$staging/competency-widget_bg.wasm" "$staging"/split_*.wasm "$staging"/chunk_*.wasm; do
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue "$file" -o "$file"
  done
fi
# The imports from each wasm-bindgen script get short names, in both files: the widget's, and
# those of the modules and the console that trunk built beside it.
for name in competency-widget competency-signing competency-fallback-signer competency-console \
  competency-case-import competency-sheet-screen; do
  node "$ROOT/scripts/short-imports.mjs" "$staging" "$name"
done
