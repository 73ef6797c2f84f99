#!/usr/bin/env bash
# Starts Mindguard on this machine: PostgreSQL and Redis on loopback (installed from Debian packages
# if missing), keys generated once and kept in .mindguard/env, then the app in the foreground.
# Your own settings (TELEGRAM_BOT_TOKEN, …) go in .env at the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/services.sh
source scripts/services.sh

state="${MINDGUARD_STATE_DIR:-$PWD/.mindguard}"
mkdir -p "$state"
if [ ! -s "$state/env" ]; then
  umask 077
  {
    echo "MINDGUARD_ENCRYPTION_KEYS=1:$(head -c 32 /dev/urandom | base64)"
    echo "MINDGUARD_BOOTSTRAP_API_KEY=mg_live_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  } > "$state/env"
  echo "Generated an encryption key and an admin API key in $state/env (keep this file private)."
fi
set -a
# shellcheck disable=SC1090,SC1091
source "$state/env"
[ -f .env ] && source .env
set +a

export PORT="${PORT:-8080}"
export ASPNETCORE_URLS="http://127.0.0.1:$PORT"
if [ -z "${TELEGRAM_MODE:-}" ]; then
  if [ -n "${TELEGRAM_BOT_TOKEN:-}" ]; then export TELEGRAM_MODE=polling; else export TELEGRAM_MODE=off; fi
fi

cat <<BANNER

  Mindguard is starting on http://localhost:$PORT
  ─────────────────────────────────────────────
  API explorer   http://localhost:$PORT/scalar
                 Authorize → Bearer → paste the admin API key:
                 $MINDGUARD_BOOTSTRAP_API_KEY
  Jobs           http://localhost:$PORT/jobs  (any user name, the admin API key as password)
  Health         http://localhost:$PORT/health/ready
  Telegram bot   $( [ "$TELEGRAM_MODE" = off ] && echo "off: put TELEGRAM_BOT_TOKEN=<token from @BotFather> in .env and run this again" || echo "$TELEGRAM_MODE" )

BANNER

exec dotnet run --project Mindguard.csproj -c Release --no-launch-profile -- "$@"
