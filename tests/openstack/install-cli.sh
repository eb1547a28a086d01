#!/bin/bash
# Install the OpenStack command-line clients used by tests/ComputeEmulator.Tests/Cli
# (python3-openstackclient -> /usr/bin/openstack, python3-novaclient -> /usr/bin/nova)
# from Debian's archive. Idempotent: returns at once when both are installed.
# Usage (as root, or with sudo available): tests/openstack/install-cli.sh
set -euo pipefail
PKGS=(python3-openstackclient python3-novaclient)
log() { echo "[$(date -u +%H:%M:%S)] install-cli: $*"; }

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [[ ${#missing[@]} == 0 && -x /usr/bin/openstack && -x /usr/bin/nova ]]; then
  log "already installed: $(dpkg-query -W -f='${Package} ${Version}  ' "${PKGS[@]}")"
  exit 0
fi
[[ ${#missing[@]} == 0 ]] && missing=("${PKGS[@]}")   # binaries gone: reinstall

SUDO=
[[ $(id -u) == 0 ]] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
logf=${TMPDIR:-/tmp}/install-cli-apt.log
start=$(date +%s)
log "installing ${missing[*]} (log $logf)"
if ! { $SUDO apt-get update -qq && \
       $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$logf" 2>&1; then
  tail -n 30 "$logf" >&2
  log "FAILED: apt-get install ${missing[*]}" >&2
  exit 1
fi
log "done in $(( $(date +%s) - start ))s: $(dpkg-query -W -f='${Package} ${Version}  ' "${PKGS[@]}")"
