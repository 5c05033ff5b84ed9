#!/usr/bin/env bash
# Times `ladder merge` on two devices' copies of a 10k and a 100k ladder (a common base, then a change on each)
# against reading both copies cold, in the same run, and its peak memory against one cold read. Targets (issue
# 22): merge <= 2x reading both sides cold, peak memory <= 2x one cold read. Not part of the test suite.
#
#   bash bench/merge.sh [RUNS]      (RUNS: timed runs per figure after 3 warm-ups, default 15)
#
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
. bench/common.sh
ratio() { python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"; }

echo "| merge | ms | read both cold, ms | x reading (target <= 2.0) | MB | one cold read, MB | x read MB (target <= 2.0) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for spec in "10k 10000 30000" "100k 100000 300000"; do
  read -r name rungs attempts <<<"$spec"
  python3 bench/gen.py "$rungs" "$attempts" >"$work/base.toml"
  size=$(python3 -c 'import os,sys; print("%.1f MB" % (os.path.getsize(sys.argv[1]) / 1e6))' "$work/base.toml")
  cp "$work/base.toml" "$work/ours.toml"
  cp "$work/base.toml" "$work/theirs.toml"
  "$ladder" --file "$work/ours.toml" done 1 >/dev/null
  "$ladder" --file "$work/theirs.toml" add Ask someone new --stakes 50 >/dev/null
  cp "$work/ours.toml" "$work/ours.orig"
  cp "$work/theirs.toml" "$work/theirs.orig"
  # Both sides as the devices left them (reading them cold appends a comment to each, which a merge would carry).
  printf "cp '%s' '%s'; cp '%s' '%s'\n" "$work/ours.orig" "$work/ours.toml" "$work/theirs.orig" "$work/theirs.toml" \
    >"$work/restore.sh"
  printf "printf '# cold\\n' >> '%s'; printf '# cold\\n' >> '%s'\n" "$work/ours.toml" "$work/theirs.toml" >"$work/touch.sh"
  printf "'%s' --file '%s' next >/dev/null; '%s' --file '%s' next >/dev/null\n" \
    "$ladder" "$work/ours.toml" "$ladder" "$work/theirs.toml" >"$work/readboth.sh"
  # The merge and reading both cold, in one run of hyperfine, so that both meet the same machine.
  read -r merge read_both < <(median --prepare "bash $work/restore.sh" \
    "$ladder merge $work/base.toml $work/ours.toml $work/theirs.toml" \
    --prepare "bash $work/touch.sh" "bash $work/readboth.sh")
  bash "$work/restore.sh"
  merge_mb=$(peak "$ladder" merge "$work/base.toml" "$work/ours.toml" "$work/theirs.toml")
  bash "$work/restore.sh"
  bash "$work/touch.sh"
  read_mb=$(peak "$ladder" --file "$work/ours.toml" next)
  echo "| two $name ladders ($rungs rungs, $attempts attempts, $size each) | $merge | $read_both | $(ratio "$merge" "$read_both") | $merge_mb | $read_mb | $(ratio "$merge_mb" "$read_mb") |"
done
