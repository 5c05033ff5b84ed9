# What bench/run.sh and bench/merge.sh share, sourced by both from the project's top folder with `runs` set: the
# tools they need, the release build, a work folder of the run's own, and the two measures.
for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "bench/ needs $tool (apt-get install hyperfine time)" >&2; exit 2; }
done

cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# From here on, nothing of the real home: snapshots and undo history go to folders of the run's own (rustup and
# cargo, which the scripts still call, keep finding theirs).
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export HOME="$work/home" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state" NO_COLOR=1 LADDER_NOW=2026-11-22T18:30:00+01:00
unset LADDER_FILE
ladder="$PWD/target/release/ladder"

# The medians, in milliseconds, of `hyperfine` running each command in "$@" (after --prepare, if given).
median() {
  hyperfine --style none --warmup 3 --runs "$runs" -N --ignore-failure --export-json "$work/h.json" "$@" >/dev/null 2>&1
  python3 -c 'import json,sys; print(*("%.2f" % (r["median"] * 1000) for r in json.load(open(sys.argv[1]))["results"]))' \
    "$work/h.json"
}

# Peak resident memory, in MB, of one run of "$@".
peak() {
  /usr/bin/time -f %M -o "$work/mem" "$@" >/dev/null 2>&1 || true
  python3 -c 'import sys; print("%.1f" % (int(open(sys.argv[1]).read().split()[-1]) / 1024))' "$work/mem"
}
