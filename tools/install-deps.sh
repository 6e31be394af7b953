#!/usr/bin/env bash
# Installs the Debian 12 packages scrx needs to build and run its tests (only those missing).
set -euo pipefail
pkgs=(
  build-essential cmake pkg-config
  libpoppler-cpp-dev libre2-dev libicu-dev nlohmann-json3-dev libyaml-cpp-dev libssl-dev
  libcli11-dev libhunspell-dev hunspell-en-gb libsqlite3-dev libxlsxwriter-dev libzip-dev
  libgtest-dev libvalijson-dev libsimdjson-dev libgoogle-perftools-dev
  # tests only: the exports are read back by independent readers (openpyxl for .xlsx,
  # xmllint against the REFI-QDA schema for .qdpx)
  python3 python3-openpyxl libxml2-utils
)
# Optional, for tests only: Debian's chromium, with which the ctest `report_in_chromium` loads
# the HTML report (`scrx report`) headless and checks it for console errors and its charts'
# numbers. scrx does not need it to build or run, and that test is skipped without it. Set
# SCRX_NO_CHROMIUM=1 to leave it out.
if [ "${SCRX_NO_CHROMIUM:-0}" != 1 ]; then
  pkgs+=(chromium)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
