#!/usr/bin/env bash
# Installs what is missing, then serves the app with live reload on 127.0.0.1.
source "$(dirname "$0")/tools.sh"
ensure_build_tools
PORT=${PORT:-8080}
say "serving the app at http://127.0.0.1:$PORT/"
cargo fetch --locked
exec trunk serve --address 127.0.0.1 --port "$PORT"
