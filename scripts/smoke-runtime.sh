#!/usr/bin/env bash
# Runs the published app the way the runtime image does — an unprivileged user, no system fonts —
# and fetches a chart through the API, to prove charts still carry their words there.
#
#   ./scripts/smoke-runtime.sh            # chart saved to .mindguard/smoke/chart.png
#
# It publishes like the Dockerfile (Release, linux-x64, framework-dependent), seeds the demo
# organisation into a throwaway database, hides /usr/share/fonts (and the other font folders) in a
# private mount namespace, drops to the 'nobody' user, asks the admin API for a key of a demo manager
# (keys are for managers and admins; demo managers answer check-ins too)
# and reads /api/me/status/chart.png with it. It fails unless the PNG's title band holds drawn text.
# Needs root (for the mount namespace and the user switch) or unprivileged user namespaces.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/services.sh
source scripts/services.sh >/dev/null

state="${MINDGUARD_STATE_DIR:-$PWD/.mindguard}"
out="$state/smoke"
work="$(mktemp -d /tmp/mindguard-smoke.XXXXXX)"
db="mindguard_smoke_$$"
port="${SMOKE_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
app_pid=""
mkdir -p "$out"

admin_url="$DATABASE_URL"
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Publishing as the Dockerfile does…"
dotnet publish Mindguard.csproj -c Release -r linux-x64 --self-contained false -o "$work/app" -v q -nologo >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log"; exit 1; }
chmod -R a+rX "$work"

psql "$admin_url" -qc "CREATE DATABASE \"$db\"" >/dev/null
key="mg_live_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"

# Everything the app can see of fonts is gone: only what ships inside it is left.
font_dirs="/usr/share/fonts /usr/local/share/fonts /usr/lib/fonts"
hide_fonts='for d in '"$font_dirs"'; do [ -d "$d" ] && mount -t tmpfs -o ro tmpfs "$d"; done; '
if [ "$(id -u)" -eq 0 ]; then
  launch=(unshare --mount --propagation private -- sh -c "$hide_fonts"'exec setpriv --reuid=65534 --regid=65534 --clear-groups --reset-env -- "$@"' smoke)
else
  launch=(unshare --user --map-root-user --mount -- sh -c "$hide_fonts"'exec "$@"' smoke)
fi

echo "Starting it as an unprivileged user with system fonts hidden (port $port)…"
"${launch[@]}" env \
  HOME=/tmp DOTNET_CLI_HOME=/tmp PATH="$(dirname "$(readlink -f "$(command -v dotnet)")"):/usr/bin:/bin" \
  DOTNET_ROOT="$(dirname "$(readlink -f "$(command -v dotnet)")")" \
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
  DATABASE_URL="${DATABASE_URL%/*}/$db" REDIS_URL="$REDIS_URL" REDIS_KEY_PREFIX="smoke$$:" \
  MINDGUARD_ENCRYPTION_KEYS="1:$(head -c 32 /dev/urandom | base64)" MINDGUARD_BOOTSTRAP_API_KEY="$key" \
  MINDGUARD_DEMO=1 TELEGRAM_MODE=off FONTCONFIG_FILE=/dev/null \
  dotnet "$work/app/Mindguard.dll" >"$out/app.log" 2>&1 &
app_pid=$!

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { echo "The app stopped; its log:"; tail -30 "$out/app.log"; exit 1; }
  sleep 1
done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "The app did not become ready"; tail -30 "$out/app.log"; exit 1; }

api() { curl -fsS -H "Authorization: Bearer $1" "${@:2}"; }
person="$(api "$key" "http://127.0.0.1:$port/api/users" | python3 -c '
import json, sys
people = json.load(sys.stdin)
people = people.get("items", people) if isinstance(people, dict) else people
print(next(p["id"] for p in people if p.get("role") == "manager"))')"
person_key="$(api "$key" -X POST -H 'Content-Type: application/json' -d "{\"userId\":\"$person\",\"name\":\"smoke\"}" \
  "http://127.0.0.1:$port/api/api-keys" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')"
api "$person_key" -o "$out/chart.png" "http://127.0.0.1:$port/api/me/status/chart.png?lang=uk"

python3 - "$out/chart.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width, height, ctype = 8, b"", 0, 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), f"unexpected PNG format {depth}/{ctype}"
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
bpp = 4 if ctype == 6 else 3
raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
for y in range(min(height, 32)):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); prev = line
# The title is centred above the plot: count dark pixels there, leaving out straight lines (the frame).
left, right, dark = 250, width - 250, 0
for line in rows:
    n = sum(1 for x in range(left, right) if sum(line[x * bpp:x * bpp + 3]) < 300)
    if n < (right - left) * 9 // 10: dark += n
print(f"title band: {dark} dark pixels")
sys.exit(0 if dark > 300 else "the chart's title band is blank: text was not drawn")
PY
echo "OK: chart with its Cyrillic title saved to $out/chart.png"
