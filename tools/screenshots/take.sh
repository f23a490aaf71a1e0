#!/usr/bin/env bash
# Retakes docs/screenshots/*.png: the studio as a new user sees it, under Xvfb on a fresh workspace, each page in use.
# A one-off documentation tool, never run by the tests. Needs Debian's xvfb, imagemagick and xdotool.
#   tools/screenshots/take.sh [OUT_DIR]      (about 4 minutes on 2 cores; most of it is the demo comparison)
# The clicks are screen positions of the 1600x1000 window the studio opens on a fresh workspace; if the layout moves,
# look at the PNGs and adjust the numbers below.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-docs/screenshots}
mkdir -p "$OUT"
WS=$(mktemp -d /tmp/studio-shots.XXXXXX)
export DISPLAY=:97
Xvfb "$DISPLAY" -screen 0 1600x1000x24 >/dev/null 2>&1 &
XVFB=$!
./studio --workspace "$WS" >"$WS.log" 2>&1 &
STUDIO=$!
trap 'kill $STUDIO $XVFB 2>/dev/null || true' EXIT

wait_for() {   # wait_for SECONDS GLOB: until a file matching GLOB exists
  local end=$((SECONDS + $1))
  until compgen -G "$2" >/dev/null; do
    ((SECONDS < end)) || { echo "timed out waiting for $2" >&2; exit 1; }
    sleep 2
  done
}
click() { xdotool mousemove "$1" "$2" click 1; sleep "${3:-3}"; }
shot() { import -window root "$OUT/$1.png"; echo "wrote $OUT/$1.png"; }
page() {   # the sidebar, top to bottom
  case $1 in devices) y=144;; convert) y=184;; models) y=224;; generate) y=264;; history) y=304;;
             compare) y=343;; evolve) y=383;; settings) y=424;; esac
  click 236 "$y" "${2:-3}"
}

wait_for 180 "$WS/logs/studio*.log"
sleep 20
page devices 5; shot devices      # a fresh workspace opens on Compare
page compare
click 495 174 5                       # Run demo comparison: converts both demos, runs both on the virtual device
wait_for 900 "$WS/reports/demo-*/report.html"
sleep 15
shot compare
for _ in 1 2; do click 1432 800 1; done   # page down twice in the scroll bar's track (the wheel zooms the images)
shot compare-chart
page convert; shot convert
page models 6; shot models
page generate 6; shot generate
page history 6; shot history
page evolve; shot evolve
page settings; shot settings
