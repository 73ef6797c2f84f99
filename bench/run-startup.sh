#!/usr/bin/env bash
# Start to ready on a migrated database, and memory when idle (SPEC §11: < 5 s, < 200 MB).
# Publishes a Release build, starts it twice against a throwaway database (the first run migrates),
# and reads /proc for the resident memory after it has been idle for 15 s.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/services.sh
source scripts/services.sh

out="$(mktemp -d)"
dotnet publish Mindguard.csproj -c Release -o "$out" --nologo -v quiet >/dev/null
db="mindguard_bench_start_$$"
PGPASSWORD=mindguard psql -h 127.0.0.1 -p "${MINDGUARD_PG_PORT:-55432}" -U mindguard -d mindguard -qc "CREATE DATABASE $db" >/dev/null
export DATABASE_URL="postgres://mindguard:mindguard@127.0.0.1:${MINDGUARD_PG_PORT:-55432}/$db"
export MINDGUARD_ENCRYPTION_KEYS="1:$(head -c 32 /dev/urandom | base64)"
export PORT=18181 ASPNETCORE_URLS="http://127.0.0.1:18181" TELEGRAM_MODE=off REDIS_KEY_PREFIX="bench-$$:"

run() {
  local start pid
  start=$(date +%s%N)
  dotnet "$out/Mindguard.dll" >/dev/null 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null; do sleep 0.05; done
  echo "$pid $(( ($(date +%s%N) - start) / 1000000 ))"
}

# The app runs in run's subshell, so 'wait' cannot wait for it: stop() waits until it is gone, or the
# next start would find the port taken and the readiness probe would answer from the old process.
stop() {
  kill "$1"
  while kill -0 "$1" 2>/dev/null; do sleep 0.05; done
}

read -r pid first < <(run); stop "$pid"
read -r pid ready < <(run)
sleep 15
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
stop "$pid"
PGPASSWORD=mindguard psql -h 127.0.0.1 -p "${MINDGUARD_PG_PORT:-55432}" -U mindguard -d mindguard -qc "GRANT mindguard_app TO CURRENT_USER; DROP DATABASE $db WITH (FORCE)" >/dev/null 2>&1 || true
rm -rf "$out"

echo
echo "| measurement | value | SPEC §11 target |"
echo "|---|---|---|"
echo "| start to ready, first start (migrates an empty database) | ${first} ms | — |"
echo "| start to ready, migrated database | ${ready} ms | < 5,000 ms |"
echo "| resident memory after 15 s idle | $(( rss_kb / 1024 )) MB | < 200 MB |"
