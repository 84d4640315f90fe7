#!/usr/bin/env python3
"""Watches one web-download import with conversion from outside glance-api and prints where the time went.

    import-phases.py GLANCE_PID STAGING_DIR STORE_DIR IMAGE_ID FINAL_BYTES OUT_FILE

Creates OUT_FILE.ready when it has begun, samples every 50 ms until killed (SIGTERM) and then writes one line per phase to OUT_FILE:
  download   from the start until the staged file <id> is published in STAGING_DIR (fetch + inspection + write)
  to-convert from then until a qemu-img convert child of glance-api is seen (qemu-img info, database updates)
  convert    while that child runs (from the first to the last one: raw output is converted window by window)
  to-store   from its end until a file appears in STORE_DIR
  store      from then until the store's file has FINAL_BYTES (read + md5 + sha512 + write through the page cache)
  finish     from then until killed (fsync of the store file, publish, database, the script's poll)
A store that takes the converted file itself (a hard link) shows it only after its fsync, at its full size: then
to-store holds the fsync, store is 0, and finish the rest of the digest read that runs beside the fsync.
with the wall seconds and the CPU seconds of glance-api itself and of its children (qemu-img) in each phase. A
second line per phase splits glance-api's CPU by thread (the import worker, which downloads and reads the converted
file; the md5 and sha512 workers; all others: JIT, GC, HTTP) and gives the whole machine's busy CPU (every process
and the kernel, e.g. its writeback) and iowait, out of the phase's wall time times the cores: whether the digest
workers ran side by side, and what else held the cores. It reads only /proc and directory listings, so it costs the
machine almost nothing (the threads are read every 0.5 s and at each phase's end).
"""
import os
import signal
import sys
import time

CLK = os.sysconf("SC_CLK_TCK")


def cpu(pid):
    """(own utime+stime, waited-for children's cutime+cstime) in seconds."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK, (int(fields[13]) + int(fields[14])) / CLK
    except OSError:
        return 0.0, 0.0


# glance-api's thread names (Thread.getName(), cut to 15 characters by the kernel) by the group they count in.
THREAD_GROUPS = (("glance-import", "import"), ("glance-upload-d", "digests"))


def thread_cpu(pid, seen):
    """Updates seen[tid] = (group, utime+stime seconds) for every live thread of pid; returns seen."""
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return seen
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        group = next((g for prefix, g in THREAD_GROUPS if name.startswith(prefix)), "other")
        seen[tid] = (group, (int(fields[11]) + int(fields[12])) / CLK)
    return seen


def by_group(seen):
    """CPU seconds per thread group (threads that ended count with their last reading)."""
    totals = {"import": 0.0, "digests": 0.0, "other": 0.0}
    for group, seconds in seen.values():
        totals[group] += seconds
    return totals


def machine():
    """(busy, iowait) CPU seconds of the whole machine since boot, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    idle, iowait = fields[3], fields[4]
    return (sum(fields[:8]) - idle - iowait) / CLK, iowait / CLK


def converting(pid):
    """True while a direct child of pid is a qemu-img convert."""
    children = []
    try:
        # The JVM starts processes from its worker threads: each thread has its own children list.
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                children += f.read().split()
    except OSError:
        pass
    for child in children:
        try:
            with open(f"/proc/{child}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if b"convert" in argv and any(a.endswith(b"qemu-img") for a in argv):
            return True
    return False


def store_size(store_dir):
    best = -1
    try:
        for name in os.listdir(store_dir):
            try:
                best = max(best, os.stat(os.path.join(store_dir, name)).st_size)
            except OSError:
                pass
    except OSError:
        pass
    return best


def main():
    pid, staging, store, image = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    final, out = int(sys.argv[5]), sys.argv[6]
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    # The caller starts the import once this file exists (python's start takes seconds on a loaded machine).
    open(out + ".ready", "w").close()
    seen = {}

    def sample():
        return cpu(pid), by_group(thread_cpu(pid, seen)), machine()

    marks = [("start", time.monotonic(), sample())]
    phase = "download"
    threads_read = time.monotonic()
    while not stop:
        now = time.monotonic()
        if now - threads_read >= 0.5:
            thread_cpu(pid, seen)
            threads_read = now
        if phase == "download" and os.path.exists(os.path.join(staging, image)):
            marks.append(("download", now, sample()))
            phase = "to-convert"
        if phase == "to-convert" and converting(pid):
            marks.append(("to-convert", now, sample()))
            phase = "convert"
        elif phase == "convert" and not converting(pid):
            marks.append(("convert", now, sample()))
            phase = "to-store"
        elif phase == "to-store" and converting(pid):
            # Raw output is converted window by window, one qemu-img each: that was a gap between two windows.
            marks.pop()
            phase = "convert"
        if phase == "to-store" and store_size(store) >= 0:
            marks.append(("to-store", now, sample()))
            phase = "store"
        if phase == "store" and store_size(store) >= final:
            marks.append(("store", now, sample()))
            phase = "finish"
        time.sleep(0.05)
    marks.append((phase if phase == "finish" else phase + " (unfinished)", time.monotonic(), sample()))
    cores = os.cpu_count()
    with open(out, "w") as f:
        for (_, t0, (c0, g0, m0)), (name, t1, (c1, g1, m1)) in zip(marks, marks[1:]):
            f.write(f"  {name:<11} {t1 - t0:7.2f} s wall   glance cpu {c1[0] - c0[0]:6.2f} s"
                    f"   qemu-img cpu {c1[1] - c0[1]:6.2f} s\n")
            # No field here is called "cpu": import-conversion.sh adds up the numbers after that word.
            f.write(f"  {'':<11} threads: import {g1['import'] - g0['import']:6.2f} s, digests"
                    f" {g1['digests'] - g0['digests']:6.2f} s, other {g1['other'] - g0['other']:6.2f} s;"
                    f" machine busy {m1[0] - m0[0]:6.2f} s of {(t1 - t0) * cores:6.2f}, iowait"
                    f" {m1[1] - m0[1]:6.2f} s\n")


if __name__ == "__main__":
    main()
