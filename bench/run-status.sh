#!/usr/bin/env bash
# Status and aggregate query benchmarks against real PostgreSQL (started by services.sh if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/services.sh
source scripts/services.sh
dotnet run --project bench/Mindguard.Bench/Mindguard.Bench.csproj -c Release -- "$@"
