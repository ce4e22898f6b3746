#!/usr/bin/env python3
"""Time a command: wall and CPU seconds and peak memory, median [min-max] of runs.

    python3 timeit.py --runs 3 [--warmup 1] [--pages N] [--cwd DIR] [--before 'rm -rf public'] -- CMD ARG...

Peak memory is the kernel's ru_maxrss of the child it waited for. The command's
output is discarded; a failing run stops with its exit code. Standard library only.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time


def run_once(cmd, cwd):
    start = time.monotonic()
    child = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def spread(values, digits):
    return f"{statistics.median(values):.{digits}f} [{min(values):.{digits}f}-{max(values):.{digits}f}]"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--cwd")
    ap.add_argument("--before", help="shell command run, untimed, before every run")
    ap.add_argument("--pages", type=int, default=0, help="pages a run writes, for pages/s")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        ap.error("name the command after --")
    walls, cpus, peaks = [], [], []
    for i in range(args.warmup + args.runs):
        if args.before:
            subprocess.run(args.before, shell=True, cwd=args.cwd, check=True)
        wall, cpu, peak, code = run_once(cmd, args.cwd)
        if code != 0:
            sys.exit(f"error: {' '.join(cmd)} exited with {code}")
        if i >= args.warmup:
            walls.append(wall)
            cpus.append(cpu)
            peaks.append(peak)
    line = f"wall {spread(walls, 2)} s | cpu {spread(cpus, 2)} s | peak RSS {spread(peaks, 0)} MiB | runs {args.runs}"
    if args.pages:
        line += f" | {args.pages / statistics.median(walls):.0f} pages/s"
    print(line)


if __name__ == "__main__":
    main()
