#!/usr/bin/env python3
"""Watches one web-download import with conversion from outside glance-api and prints where the time went.

    import-phases.py GLANCE_PID STAGING_DIR STORE_DIR IMAGE_ID FINAL_BYTES OUT_FILE

Creates OUT_FILE.ready when it has begun, samples every 50 ms until killed (SIGTERM) and then writes one line per phase to OUT_FILE:
  download   from the start until the staged file <id> is published in STAGING_DIR (fetch + inspection + write)
  to-convert from then until a qemu-img convert child of glance-api is seen (qemu-img info, database updates)
  convert    while that child runs
  to-store   from its end until a file appears in STORE_DIR
  store      from then until the store's file has FINAL_BYTES (read + md5 + sha512 + write through the page cache)
  finish     from then until killed (fsync of the store file, publish, database, the script's poll)
A store that takes the converted file itself (a hard link) shows it only after its fsync, at its full size: then
to-store holds the fsync, store is 0, and finish the rest of the digest read that runs beside the fsync.
with the wall seconds and the CPU seconds of glance-api itself and of its children (qemu-img) in each phase. It
reads only /proc and directory listings, so it costs the machine almost nothing.
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
    marks = [("start", time.monotonic(), cpu(pid))]
    phase = "download"
    while not stop:
        now = time.monotonic()
        if phase == "download" and os.path.exists(os.path.join(staging, image)):
            marks.append(("download", now, cpu(pid)))
            phase = "to-convert"
        if phase == "to-convert" and converting(pid):
            marks.append(("to-convert", now, cpu(pid)))
            phase = "convert"
        elif phase == "convert" and not converting(pid):
            marks.append(("convert", now, cpu(pid)))
            phase = "to-store"
        if phase == "to-store" and store_size(store) >= 0:
            marks.append(("to-store", now, cpu(pid)))
            phase = "store"
        if phase == "store" and store_size(store) >= final:
            marks.append(("store", now, cpu(pid)))
            phase = "finish"
        time.sleep(0.05)
    marks.append((phase if phase == "finish" else phase + " (unfinished)", time.monotonic(), cpu(pid)))
    with open(out, "w") as f:
        for (_, t0, c0), (name, t1, c1) in zip(marks, marks[1:]):
            f.write(f"  {name:<11} {t1 - t0:7.2f} s wall   glance cpu {c1[0] - c0[0]:6.2f} s"
                    f"   qemu-img cpu {c1[1] - c0[1]:6.2f} s\n")


if __name__ == "__main__":
    main()
