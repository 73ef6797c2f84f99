#!/usr/bin/env bash
# Re-wraps every stored value under the first key of MINDGUARD_ENCRYPTION_KEYS, so older keys can be
# removed afterwards (DEPLOYMENT.md, "Rotating the master key"). Safe to run while the app serves, and
# to run again after an interruption.
#
#   scripts/rotate-keys.sh                      # this machine, as scripts/start.sh runs it
#   scripts/rotate-keys.sh --batch-size 500     # arguments go to `keys rotate`
#   MINDGUARD_DLL=/opt/mindguard/Mindguard.dll scripts/rotate-keys.sh   # a published app
#
# Settings come from the environment, as the app's do. With no DATABASE_URL set, it uses this machine's
# services and settings the way scripts/start.sh does (.mindguard/env, then .env).
# Exit code: 0 nothing left under an older key, 1 configuration error, 2 values left (run it again).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DATABASE_URL:-}" ]; then
  # shellcheck source=scripts/services.sh
  source scripts/services.sh
  set -a
  # shellcheck disable=SC1090,SC1091
  [ -f "${MINDGUARD_STATE_DIR:-$PWD/.mindguard}/env" ] && source "${MINDGUARD_STATE_DIR:-$PWD/.mindguard}/env"
  # shellcheck disable=SC1091
  [ -f .env ] && source .env
  set +a
fi

if [ -n "${MINDGUARD_DLL:-}" ]; then
  exec dotnet "$MINDGUARD_DLL" keys rotate "$@"
fi
exec dotnet run --project Mindguard.csproj -c Release --no-launch-profile -- keys rotate "$@"
