#!/usr/bin/env bash
# Installs the Debian 12 packages scrx needs to build and run its tests (only those missing).
set -euo pipefail
pkgs=(
  build-essential cmake pkg-config
  libpoppler-cpp-dev libre2-dev libicu-dev nlohmann-json3-dev libyaml-cpp-dev libssl-dev
  libcli11-dev libhunspell-dev hunspell-en-gb
  libgtest-dev libvalijson-dev
)
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
