#!/usr/bin/env python3
"""Context switches of a process's threads, for wake-up counts per request (bench/registry-ab.sh).

  thread-switches.py snap PID          -> one JSON line: the process's CPU ticks (utime + stime) and, per kind of
                                          thread (its name with the digits replaced by #), the voluntary and
                                          nonvoluntary context switches summed over its live threads
  thread-switches.py diff A B N LABEL  -> CPU ms and switches per request between snapshots A and B over N requests,
                                          with the kinds that woke at least 0.05 times per request

A voluntary switch is a thread going to sleep (a blocking read, a park); each is followed by a wake-up, so per request
they count the hand-offs between threads that a request went through. Threads that ended between the snapshots are
not counted.
"""
import json
import os
import re
import sys


def snap(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    kinds = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                comm = f.read().strip()
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                status = f.read()
        except OSError:
            continue  # the thread ended meanwhile
        voluntary = int(re.search(r"^voluntary_ctxt_switches:\s+(\d+)", status, re.M).group(1))
        nonvoluntary = int(re.search(r"^nonvoluntary_ctxt_switches:\s+(\d+)", status, re.M).group(1))
        kind = kinds.setdefault(re.sub(r"\d+", "#", comm), [0, 0])
        kind[0] += voluntary
        kind[1] += nonvoluntary
    return {"ticks": int(fields[11]) + int(fields[12]), "kinds": kinds}


def diff(before, after, requests, label):
    cpu_ms = (after["ticks"] - before["ticks"]) * 1000.0 / os.sysconf("SC_CLK_TCK") / requests
    voluntary = nonvoluntary = 0
    woke = []
    for kind, (v, n) in sorted(after["kinds"].items()):
        v0, n0 = before["kinds"].get(kind, [0, 0])
        voluntary += v - v0
        nonvoluntary += n - n0
        if (v - v0) / requests >= 0.05:
            woke.append(f"{kind} {(v - v0) / requests:.2f}")
    return (f"{label} cpu {cpu_ms:.3f} ms/req, switches/req voluntary {voluntary / requests:.2f} nonvoluntary "
            f"{nonvoluntary / requests:.2f} ({', '.join(woke)})")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "snap":
        print(json.dumps(snap(sys.argv[2])))
    elif len(sys.argv) == 6 and sys.argv[1] == "diff":
        with open(sys.argv[2]) as a, open(sys.argv[3]) as b:
            print(diff(json.load(a), json.load(b), int(sys.argv[4]), sys.argv[5]))
    else:
        sys.exit("usage: thread-switches.py snap PID | diff BEFORE AFTER REQUESTS LABEL")
