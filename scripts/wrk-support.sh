# Sourced by the wrk benchmarks (bench-web.sh, bench-scale.sh): installs wrk when missing and
# converts its latencies to milliseconds.

ensure_wrk() {
    command -v wrk >/dev/null && return
    local sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    echo "Installing wrk"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq wrk >/dev/null
}

# wrk prints latencies as 812.00us, 1.23ms or 1.02s: convert to milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
        else { sub(/s$/, "", v); printf "%.2f", v * 1000 } }'
}
