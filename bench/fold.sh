#!/usr/bin/env bash
# Times folding a conflict copy into a years-of-use ladder whose undo history is full (50 changes), the copy
# made before the last 40 of them: the fold reads every version the history holds to find its base. Against
# `done` with no copy waiting (the fold's command, alone) and a cold `next` (one read), in the same run.
#
#   bash bench/fold.sh [RUNS]      (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
. bench/common.sh
file="$work/ladder.toml"
python3 bench/gen.py 30 10000 >"$file"
for i in $(seq 10); do "$ladder" --file "$file" done $((i % 30 + 1)) >/dev/null; done
# The other device's copy: the ladder as it was then, with an attempt of its own.
copy="$work/ladder.sync-conflict-20261122-183000-PHONE12.toml"
"$ladder" --file "$file" history >/dev/null
cp "$file" "$work/then.toml"
for i in $(seq 40); do "$ladder" --file "$file" done $((i % 30 + 1)) >/dev/null; done
cp "$file" "$work/now.toml"
other="$work/other"
mkdir -p "$other"
cp "$work/then.toml" "$other/ladder.toml"
HOME="$work/otherhome" XDG_STATE_HOME="$work/otherstate" XDG_CACHE_HOME="$work/othercache" \
  "$ladder" --file "$other/ladder.toml" done 2 --note "on the phone" >/dev/null
cp "$other/ladder.toml" "$work/theirs.toml"
# Each run starts from the same files: the ladder as it is now, its undo history as it was (a run's own record
# would push out the oldest, and with it the base), the copy beside it (or not), nothing put away.
cp -a "$XDG_STATE_HOME" "$work/state.then"
restore="cp '$work/now.toml' '$file'; rm -rf '$XDG_STATE_HOME' '$work/ladder-merged'; cp -a '$work/state.then' '$XDG_STATE_HOME'"
echo "$restore; cp '$work/theirs.toml' '$copy'" >"$work/reset.sh"
echo "$restore; rm -f '$copy'" >"$work/alone.sh"
read -r next < <(median --prepare "printf '# edited\\n' >> $file" "$ladder --file $file next")
read -r alone < <(median --prepare "bash $work/alone.sh" "$ladder --file $file done 3")
read -r fold < <(median --prepare "bash $work/reset.sh" "$ladder --file $file done 3")
bash "$work/reset.sh"
"$ladder" --file "$file" done 3 2>&1 >/dev/null | grep -q "no version both devices" && echo "(the fold was a union)"
fold_mb=$(bash "$work/reset.sh"; peak "$ladder" --file "$file" done 3)
echo "| years of use, history full | cold next ms | done ms | done with a copy to fold ms | fold MB |"
echo "|---|---:|---:|---:|---:|"
echo "| | $next | $alone | $fold | $fold_mb |"
