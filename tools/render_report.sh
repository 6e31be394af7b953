#!/usr/bin/env bash
# Renders an HTML report (scrx report -o REPORT.html) to a PNG screenshot with Debian's headless
# Chromium, to look at it or to attach it to a review of the report's layout.
#   tools/render_report.sh REPORT.html OUT.png [WIDTH,HEIGHT]   (default 1280,2000)
# Chromium runs with a throw-away profile, no sandbox (so it works as root in containers and CI)
# and no background networking: the report needs no network, and nothing else is fetched.
set -euo pipefail
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTH,HEIGHT]" >&2
  exit 2
fi
report=$1
out=$2
size=${3:-1280,2000}
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "$0: chromium is not installed (apt-get install chromium)" >&2
  exit 2
fi
[ -f "$report" ] || { echo "$0: $report: no such file" >&2; exit 2; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# A file:// URL of the report: every byte but unreserved ones and '/' percent-encoded.
url_path() {
  local LC_ALL=C s=$1 out="" c h i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [a-zA-Z0-9./_~-]) out+=$c ;;
      *) printf -v h '%%%02X' "'$c"; out+=$h ;;
    esac
  done
  printf '%s' "$out"
}
abs_report=$(realpath "$report")
abs_out=$(realpath -m "$out")
"$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$size" --screenshot="$abs_out" "file://$(url_path "$abs_report")" >/dev/null 2>&1
[ -s "$abs_out" ] || { echo "$0: chromium wrote no screenshot" >&2; exit 1; }
echo "$abs_out"
