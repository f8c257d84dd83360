#!/usr/bin/env bash
# Installs what is missing, then builds the release bundle into dist/.
source "$(dirname "$0")/tools.sh"
ensure_build_tools
build_dist
say "release bundle in $ROOT/dist"
