#!/bin/sh
# Installs the Debian packages moodscape needs to build, test and run.
# Idempotent and quiet: when everything is present it prints nothing.
set -eu

PACKAGES="build-essential cmake pkg-config libjansson-dev wordnet-base jq
          libfluidsynth-dev libsndfile1-dev timgm6mb-soundfont
          musescore-general-soundfont aubio-tools python3-numpy sox
          libebur128-dev libfftw3-dev libaubio-dev libsoxr-dev libsqlite3-dev libtagc0-dev libxxhash-dev sqlite3 time"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "setup: installing$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: need root to install$missing" >&2; exit 1; }
    SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
