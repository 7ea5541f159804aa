#!/usr/bin/env bash
# Checks the interactive API reference in a real browser: starts the host (embedded PostgreSQL, loopback, so
# authentication is off), waits until it is ready, has headless Chromium render /docs/ and saves a screenshot.
# Usage: scripts/docs-screenshot.sh [output.png]   (needs: chromium; Debian: apt-get install -y chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs-screenshot.png}
case $out in /*) ;; *) out=$PWD/$out ;; esac
port=${PORT:-3099}
data=$(mktemp -d)
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "no Chromium found (apt-get install -y chromium)"; exit 2; }

dotnet build src/Host -v q -nologo >/dev/null
dotnet run --no-build --project src/Host -- --urls "http://127.0.0.1:$port" --EmbeddedPostgres:DataDirectory="$data" >"$data.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; wait $host 2>/dev/null; rm -rf "$data" "$data.log"' EXIT
for _ in $(seq 120); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
  kill -0 $host 2>/dev/null || { cat "$data.log"; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "the host did not become ready"; cat "$data.log"; exit 1; }

# Flags from this machine's notes: without the background-networking ones Chromium keeps dialling out and gets refused.
profile=$(mktemp -d)
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --window-size=1400,1000 \
  --virtual-time-budget=15000 --screenshot="$out" "http://127.0.0.1:$port/docs/" >/dev/null 2>&1
rm -rf "$profile"
size=$(stat -c %s "$out")
# A blank page is a few KB; the rendered reference (sidebar, operations) is far more.
[ "$size" -gt 40000 ] || { echo "the screenshot $out is only $size bytes: the page did not render"; exit 1; }
echo "rendered /docs/ into $out ($size bytes)"
