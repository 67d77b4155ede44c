#!/usr/bin/env bash
# Several app replicas behind HAProxy with PostgreSQL, a Chroma server and llama-cpp-python model servers.
# Usage: scripts/cluster.sh up|down|status [--replicas 2] [--model-servers 2] [--port 8800] [--dir .cluster]
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python scripts/cluster.py "$@"
