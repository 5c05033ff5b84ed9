#!/usr/bin/env bash
# Times the release build of ladder on generated ladders, against two floors, warm and cold, and reports
# peak memory. Not part of the test suite: run it by hand and copy the table into BENCHMARKS.md.
#
#   bash bench/run.sh [RUNS]      (RUNS: timed runs per figure after 3 warm-ups, default 15)
#
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
. bench/common.sh
rustc -O -o "$work/hello" bench/floors/hello.rs
rustc -O -o "$work/save" bench/floors/save.rs

echo "| ladder | command | warm ms | x floor | cold ms | x floor | warm MB | cold MB |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for spec in "realistic 20 60" "years 30 10000" "1k 1000 3000" "10k 10000 30000"; do
  read -r name rungs attempts <<<"$spec"
  # BENCH_ONLY=years times one ladder alone (and skips the merge), for a quick look.
  [ -n "${BENCH_ONLY:-}" ] && [ "$BENCH_ONLY" != "$name" ] && continue
  file="$work/$name.toml"
  python3 bench/gen.py "$rungs" "$attempts" >"$file"
  size=$(python3 -c 'import os,sys; print("%.2f MB" % (os.path.getsize(sys.argv[1]) / 1e6))' "$file")
  hello=$(median "$work/hello")
  cp "$file" "$work/floor.toml"
  save=$(median "$work/save $work/floor.toml")
  echo "| $name ($rungs rungs, $attempts attempts, $size) | floors: hello / save | $hello | | $save | | | |"
  # A hand edit: a comment appended, so the bytes change and the snapshot no longer matches.
  printf "printf '# edited by hand\\n' >> '%s'\n" "$file" >"$work/edit.sh"
  edit="bash $work/edit.sh"
    for cmd in "next -q" "next" "progress" "list --json" "add Ask someone new --stakes 50" "done 1"; do
    # Each figure is timed beside its floor, in the same run of hyperfine, so that both meet the same machine.
    case "$cmd" in add*|done*) floor="$work/save $work/floor.toml" ;; *) floor="$work/hello" ;; esac
    "$ladder" --file "$file" next -q >/dev/null 2>&1 || true
    read -r warm_floor warm < <(median "$floor" "$ladder --file $file $cmd")
    warm_mb=$(peak "$ladder" --file "$file" $cmd)
    read -r cold_floor cold < <(median --prepare "$edit" "$floor" "$ladder --file $file $cmd")
    eval "$edit"
    cold_mb=$(peak "$ladder" --file "$file" $cmd)
    ratio() { python3 -c 'import sys; print("%.1f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"; }
    echo "| | \`$cmd\` | $warm | $(ratio "$warm" "$warm_floor") | $cold | $(ratio "$cold" "$cold_floor") | $warm_mb | $cold_mb |"
  done
  # `next` and `progress` print what they printed before for the same text and stretch of time (`.shown` beside
  # the snapshot): warm, the figures above are of that; the first read after a change works it out, as here.
  printf "rm -f '%s'/ladder/*.shown\n" "$XDG_CACHE_HOME" >"$work/unkeep.sh"
  for cmd in "next" "progress"; do
    read -r kept_floor kept < <(median --prepare "bash $work/unkeep.sh" "$work/hello" "$ladder --file $file $cmd")
    echo "| | \`$cmd\` (first read after a change: nothing kept) | $kept | $(ratio "$kept" "$kept_floor") | | | | |"
  done
  # Undo of the change just made (a `done`), against the save floor; its memory beside that of the `done`.
  "$ladder" --file "$file" next -q >/dev/null 2>&1 || true
  read -r undo_floor undo < <(median --prepare "$ladder --file $file done 1" "$work/save $work/floor.toml" "$ladder --file $file undo")
  done_mb=$(peak "$ladder" --file "$file" done 1)
  undo_mb=$(peak "$ladder" --file "$file" undo)
  echo "| | \`undo\` (of a \`done 1\`; MB of the done: $done_mb) | $undo | $(ratio "$undo" "$undo_floor") | | | $undo_mb | |"
done
[ -n "${BENCH_ONLY:-}" ] && exit 0

# Merging two devices' copies of a 10k ladder (a common base, then a change on each): the target is at most
# twice the time of reading both copies cold (each parsed, no snapshot).
python3 bench/gen.py 10000 30000 >"$work/base.toml"
cp "$work/base.toml" "$work/ours.toml"
cp "$work/base.toml" "$work/theirs.toml"
"$ladder" --file "$work/ours.toml" done 1 >/dev/null
"$ladder" --file "$work/theirs.toml" add Ask someone new --stakes 50 >/dev/null
cp "$work/ours.toml" "$work/ours.orig"
printf "cp '%s' '%s'\n" "$work/ours.orig" "$work/ours.toml" >"$work/restore.sh"
printf "printf '# cold\\n' >> '%s'; printf '# cold\\n' >> '%s'\n" "$work/ours.toml" "$work/theirs.toml" >"$work/touch.sh"
printf "'%s' --file '%s' next >/dev/null; '%s' --file '%s' next >/dev/null\n" \
  "$ladder" "$work/ours.toml" "$ladder" "$work/theirs.toml" >"$work/readboth.sh"
merge=$(median --prepare "bash $work/restore.sh" "$ladder merge $work/base.toml $work/ours.toml $work/theirs.toml")
merge_mb=$(peak "$ladder" merge "$work/base.toml" "$work/ours.toml" "$work/theirs.toml")
bash "$work/restore.sh"
read_both=$(median --prepare "bash $work/touch.sh" "bash $work/readboth.sh")
echo
echo "| merge | command | ms | read both cold, ms | x reading (target <= 2.0) | MB |"
echo "|---|---|---:|---:|---:|---:|"
echo "| two 10k ladders (10000 rungs, 30000 attempts each) | \`merge BASE OURS THEIRS\` | $merge | $read_both | $(python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$merge" "$read_both") | $merge_mb |"

# Taskwarrior on the same machine, for the 10,000-item target, when it is installed (apt-get install taskwarrior).
if command -v task >/dev/null; then
  export TASKRC="$work/taskrc" TASKDATA="$work/task"
  mkdir -p "$TASKDATA"
  printf 'data.location=%s\nconfirmation=off\nverbose=nothing\n' "$TASKDATA" >"$TASKRC"
  python3 bench/tasks.py 10000 >"$work/tasks.json"
  task import "$work/tasks.json" >/dev/null 2>&1
  echo
  echo "| taskwarrior $(task --version) (10,000 tasks) | command | ms |"
  echo "|---|---|---:|"
  for cmd in "next" "list" "export" "add Ask someone new"; do
    echo "| | \`task $cmd\` | $(median "task $cmd") |"
  done
fi
