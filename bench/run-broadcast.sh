#!/usr/bin/env bash
# A check-in broadcast to BENCH_PEOPLE (10,000) people against a fake Telegram enforcing 30 msg/s and
# 1 msg/s per chat: two published replicas, one SIGKILLed midway, then the original naive loop
# (35 ms sleep, no 429 handling) in the same run. SPEC §11: ≥ 29 msg/s, 0 lost, 0 duplicated.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/services.sh
source scripts/services.sh

work="$(mktemp -d)"
# BENCH_KEEP=1 keeps the replicas' logs.
trap '[ "${BENCH_KEEP:-0}" = "1" ] && echo "Logs kept in $work" || rm -rf "$work"' EXIT
echo "Publishing a Release build…"
dotnet publish Mindguard.csproj -c Release -o "$work/app" --nologo -v quiet -clp:ErrorsOnly
dotnet build bench/Mindguard.Bench.Broadcast/Mindguard.Bench.Broadcast.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
BENCH_APP_DLL="$work/app/Mindguard.dll" BENCH_WORK_DIR="$work" \
  dotnet run --no-build --project bench/Mindguard.Bench.Broadcast/Mindguard.Bench.Broadcast.csproj -c Release
