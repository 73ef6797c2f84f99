#!/usr/bin/env bash
# Webhook p99 and throughput under open-loop load of real check-in answers (SPEC §11: p99 < 50 ms at
# 300 updates/s), next to a minimal endpoint doing the same PostgreSQL, Redis and Bot API work.
# Knobs: BENCH_RATE (300), BENCH_SECONDS (60), BENCH_WARMUP_SECONDS (12), BENCH_APP_LOG_LEVEL (Warning),
# BENCH_TAP_ORDER (cohorts; lockstep: everyone answers each question together, the last fifth all last answers),
# BENCH_SCENARIO (checkin; help: /help from 2,000 chats with the bot's real 30 msg/s budget; overload: capacity,
# then twice that open-loop for BENCH_SECONDS, then recovery probes, with BENCH_PEOPLE people, default 9,000).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/services.sh
source scripts/services.sh

out="$(mktemp -d)"
db="mindguard_bench_webhook_$$"
psql_owner() { PGPASSWORD=mindguard psql -h 127.0.0.1 -p "${MINDGUARD_PG_PORT:-55432}" -U mindguard -d mindguard -qc "$1" >/dev/null; }
cleanup() {
  # The app's runtime role owns nothing, but it is granted to the owner so the database can be dropped.
  psql_owner "GRANT mindguard_app TO CURRENT_USER; DROP DATABASE IF EXISTS $db WITH (FORCE)" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

echo "Building (Release)…"
dotnet publish Mindguard.csproj -c Release -o "$out/app" --nologo -v quiet >/dev/null
dotnet build bench/Mindguard.Bench.Webhook/Mindguard.Bench.Webhook.csproj -c Release -o "$out/bench" --nologo -v quiet >/dev/null
psql_owner "CREATE DATABASE $db"
export DATABASE_URL="postgres://mindguard:mindguard@127.0.0.1:${MINDGUARD_PG_PORT:-55432}/$db"
export BENCH_APP_LOG="$out/app.log"
dotnet "$out/bench/Mindguard.Bench.Webhook.dll" "$out/app/Mindguard.dll" || {
  status=$?
  echo "The run failed ($status); the app's log ends with:" >&2
  tail -n 40 "$BENCH_APP_LOG" >&2 2>/dev/null || true
  exit "$status"
}
