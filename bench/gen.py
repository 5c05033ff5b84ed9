#!/usr/bin/env python3
"""Writes a ladder file in the documented layout: RUNGS rungs, then ATTEMPTS attempts spread over them.

    bench/gen.py RUNGS ATTEMPTS > ladder.toml

Deterministic (a fixed seed), with the mix of optional fields a real ladder has after months of use, in the
current file version (2: every entry has its uid), as a ladder is after its first write.
"""
import random
import sys
from datetime import datetime, timedelta, timezone

rungs, attempts = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(7)
people = ["Sam", "Ana", "Priya", "Jo", "Kenji", "Maria", "Tom", "Lea"]
verbs = ["for feedback on", "to look over", "for help with", "to pair on", "for ten minutes on"]
things = ["the quarterly report", "my slides", "the flaky test", "a hard conversation", "the budget", "my CV"]
ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"


def uid():
    return "".join(rng.choice(ALPHABET) for _ in range(10))


out = ["# A generated ladder for benchmarks.", "version = 2", "", "[settings]", "repeat = 3", "comfortable = 25", ""]
for i in range(1, rungs + 1):
    out += ["[[rung]]", f"id = {i}", f'uid = "{uid()}"',
            f'ask = "Ask {rng.choice(people)} {rng.choice(verbs)} {rng.choice(things)} (#{i})"',
            f"stakes = {rng.randint(5, 95)}"]
    if rng.random() < 0.7:
        out.append(f'who = "{rng.choice(people)}"')
    if rng.random() < 0.5:
        out.append('tags = ["work"]')
    out += ["created = 2024-01-15", ""]
start = datetime(2024, 1, 16, 9, 0, tzinfo=timezone(timedelta(hours=1)))
for i in range(1, attempts + 1):
    at = start + timedelta(minutes=i * 90)
    # Attempts fall on the first three quarters of the rungs: the rest are still ahead.
    out += ["[[attempt]]", f"id = {i}", f'uid = "{uid()}"', f"rung = {rng.randint(1, max(1, rungs * 3 // 4))}", f"at = {at.isoformat()}",
            f'outcome = "{rng.choice(["yes", "yes", "partial", "no", "no-answer"])}"']
    if rng.random() < 0.8:
        before = rng.randint(20, 90)
        out += [f"before = {before}", f"after = {max(0, before - rng.randint(0, 40))}"]
    if rng.random() < 0.3:
        out.append('note = "They were kind about it; next time ask earlier in the day."')
    out.append("")
sys.stdout.write("\n".join(out))
