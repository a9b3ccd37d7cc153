#!/usr/bin/env bash
# Frames drawn and CPU used by the app while a trainee only reads, and whether input still
# answers at once. The app runs under Xvfb (software rendering), is left 3 s to settle, then
# measured over 10 idle seconds; then the mouse moves and the frames in the next half second
# are counted. Target: at most 1 frame a second and under 2% of a core while idle.
#
# Run: bash benches/idle.sh [path/to/ipt-trainer [app flags...]]   (default: the debug build on
# the library; e.g. `... --scenario grief-ruth --at r4-both` measures the session screen, with
# the avatar drawn by Bevy beside egui).
# Needs: xvfb, bc, and xdotool for the input check (apt-get install -y xvfb bc xdotool).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-${CARGO_TARGET_DIR:-target}/debug/ipt-trainer}"
shift || true
[ -x "$bin" ] || { echo "no app at $bin: build it (cargo build) or pass its path"; exit 2; }
settle=3
window=10
log="$(mktemp)"
source benches/xvfb.sh
start_xvfb
trap 'kill "$app" "$xvfb" 2>/dev/null || true; rm -f "$log"' EXIT
DISPLAY="$display" "$bin" --frame-stats "$@" >"$log" 2>/dev/null &
app=$!
sleep "$settle"
frames() { grep -c '^frame' "$log" || true; }
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
hz="$(getconf CLK_TCK)"
frames_before="$(frames)"
cpu_before="$(ticks)"
sleep "$window"
frames_idle=$(($(frames) - frames_before))
cpu="$(echo "scale=3; ($(ticks) - $cpu_before) / $hz" | bc)"
echo "idle for ${window}s: ${frames_idle} frames drawn ($(echo "scale=2; $frames_idle / $window" | bc) a second), ${cpu} CPU seconds ($(echo "scale=1; 100 * $cpu / $window" | bc)% of a core)"
if command -v xdotool >/dev/null; then
    before="$(frames)"
    DISPLAY="$display" xdotool mousemove 300 300
    sleep 0.5
    echo "input: $(($(frames) - before)) frames within 0.5 s of a mouse move"
else
    echo "input: not measured (install xdotool)"
fi
