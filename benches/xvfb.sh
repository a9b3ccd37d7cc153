# Sourced by the benchmark scripts: starts a private Xvfb and sets `display` and `xvfb` (its pid).
# A display number of their own lets two scripts, or CI's smoke test, run side by side.
start_xvfb() {
    display=":$((80 + RANDOM % 19))"
    Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
}
