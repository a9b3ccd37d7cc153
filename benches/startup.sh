#!/usr/bin/env bash
# Time from launch to the first frame (its update pass, when the first egui pass has run), and
# peak memory by then, for the app beside a bare Bevy +
# bevy_egui window built with the same profile (examples/bare_window.rs), side by side: the two
# alternate over several rounds under one Xvfb, and the medians are compared.
# Targets: within 1.2x on time and 1.3x on memory.
#
# Run: cargo build --example bare_window && bash benches/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}/debug"
app="$target/ipt-trainer"
bare="$target/examples/bare_window"
for bin in "$app" "$bare"; do
    [ -x "$bin" ] || { echo "missing $bin: run cargo build --example bare_window"; exit 2; }
done
rounds="${ROUNDS:-5}"
source benches/xvfb.sh
start_xvfb
trap 'kill "$xvfb" 2>/dev/null || true' EXIT

# Prints "milliseconds-to-first-frame peak-kB" for one launch of the command.
measure() {
    local log start pid first peak
    log="$(mktemp)"
    start="$(date +%s%3N)"
    DISPLAY="$display" "$@" >"$log" 2>/dev/null &
    pid=$!
    for _ in $(seq 1 600); do
        first="$(awk '$1 == "frame" && $2 == 1 {print $4; exit}' "$log")"
        [ -n "$first" ] && break
        sleep 0.05
    done
    peak="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$log"
    echo "$((first - start)) $peak"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

app_ms=(); app_kb=(); bare_ms=(); bare_kb=()
for _ in $(seq 1 "$rounds"); do
    read -r ms kb < <(measure "$bare"); bare_ms+=("$ms"); bare_kb+=("$kb")
    read -r ms kb < <(measure "$app" --frame-stats); app_ms+=("$ms"); app_kb+=("$kb")
done
am="$(printf '%s\n' "${app_ms[@]}" | median)"; bm="$(printf '%s\n' "${bare_ms[@]}" | median)"
ak="$(printf '%s\n' "${app_kb[@]}" | median)"; bk="$(printf '%s\n' "${bare_kb[@]}" | median)"
echo "launch to first frame, median of $rounds: app ${am} ms, bare ${bm} ms, ratio $(echo "scale=2; $am / $bm" | bc) (target <= 1.2)"
echo "peak memory by then, median of $rounds: app $((ak / 1024)) MiB, bare $((bk / 1024)) MiB, ratio $(echo "scale=2; $ak / $bk" | bc) (target <= 1.3)"
