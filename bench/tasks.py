#!/usr/bin/env python3
"""Writes N pending tasks as JSON for `task import`: taskwarrior's side of the 10,000-item comparison.

    bench/tasks.py N > tasks.json

Deterministic, with descriptions, projects, tags and priorities in proportions like the ladders' fields.
"""
import json
import random
import sys
import uuid
from datetime import datetime, timedelta

n = int(sys.argv[1])
rng = random.Random(7)
start = datetime(2024, 1, 16, 9, 0)
tasks = []
for i in range(n):
    task = {
        "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
        "description": f"Ask someone for help with item {i} of the quarterly report",
        "status": "pending",
        "entry": (start + timedelta(minutes=i * 90)).strftime("%Y%m%dT%H%M%SZ"),
        "project": rng.choice(["work", "home", "friends"]),
    }
    if rng.random() < 0.5:
        task["tags"] = ["work"]
    if rng.random() < 0.3:
        task["priority"] = "M"
    tasks.append(task)
json.dump(tasks, sys.stdout)
