#!/usr/bin/env bash
# Fuzzes every reader of outside input with cargo-fuzz, $1 seconds each (default 600): the
# framework loader, the result reader and verifier, the configuration reader, the campaign
# reader, the CSV plan reader and the draft reader, each from its seeds (fuzz/seeds/ and the
# framework fixtures). Prints the executions and crashes of each. Needs a nightly toolchain;
# not part of `make test`. A crash leaves its input in fuzz/artifacts/<target>/.
source "$(dirname "$0")/tools.sh"
seconds=${1:-600}
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz into $TOOLS_DIR"
  cargo +nightly install cargo-fuzz --root "$TOOLS_DIR"
fi
targets=(framework_from_json result_verify config_from_json campaign_from_json campaign_plan_csv draft_open)
mkdir -p fuzz/corpus/framework_from_json
cp crates/core/frameworks/*.json crates/core/tests/fixtures/*/*.json fuzz/corpus/framework_from_json/
summary=""
status=0
for target in "${targets[@]}"; do
  corpus=fuzz/corpus/$target
  mkdir -p "$corpus"
  [ -d "fuzz/seeds/$target" ] && cp fuzz/seeds/"$target"/* "$corpus"/
  say "fuzzing $target for $seconds s"
  log=$(mktemp)
  (cd fuzz && cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" -max_len=262144 \
    -print_final_stats=1) >"$log" 2>&1 || status=1
  runs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$log" | grep -o "[0-9]*$" | tail -1)
  crashes=$(ls "fuzz/artifacts/$target" 2>/dev/null | grep -c "^crash-" || true)
  tail -3 "$log" >&2
  summary+=$(printf '%-22s %12s executions in %ss, %s crashes' "$target" "${runs:-?}" "$seconds" "$crashes")$'\n'
  rm -f "$log"
done
say "fuzzing summary"
printf '%s' "$summary"
exit $status
