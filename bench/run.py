#!/usr/bin/env python3
"""Measures asynclint against the floor and against clang-tidy.

For every translation unit of a compilation database it times, in one run:
  - the floor: `clang++-22 -fsyntax-only` with the unit's own command,
  - asynclint on that unit alone (-j1),
  - clang-tidy-22 running its own coroutine checks on it,
and reports the median ratios asynclint/floor and clang-tidy/floor, the peak
memory of each, and the whole-project speed-up of `asynclint -jN` over -j1.
Ratios from one run on one machine; no absolute time is meant to be compared
across machines.

  bench/run.py --asynclint build/tool/asynclint/asynclint -p <build-dir> [--limit N]
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import time

TIDY_COROUTINE_CHECKS = ("-*,cppcoreguidelines-avoid-reference-coroutine-parameters,"
                         "cppcoreguidelines-no-suspend-with-lock,misc-coroutine-hostile-raii")


def timed(argv, cwd):
    """Runs argv; returns (seconds, peak resident KiB, exit status). The peak
    covers the process and the descendants it waited for (asynclint's
    workers)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def syntax_only(entry, clangxx):
    args = entry.get("arguments") or shlex.split(entry["command"])
    out, skip = [clangxx], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a.startswith("-o"):
            continue
        out.append(a)
    return out + ["-fsyntax-only"]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-p", required=True, help="build directory with compile_commands.json")
    parser.add_argument("--asynclint", required=True)
    parser.add_argument("--clang-tidy", default="clang-tidy-22")
    parser.add_argument("--clangxx", default="clang++-22")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--limit", type=int, default=0, help="measure only the first N units")
    opts = parser.parse_args()
    opts.p = os.path.abspath(opts.p)
    opts.asynclint = os.path.abspath(opts.asynclint)

    with open(os.path.join(opts.p, "compile_commands.json")) as f:
        entries = json.load(f)
    if opts.limit:
        entries = entries[:opts.limit]

    rows = []
    for entry in entries:
        cwd = entry["directory"]
        source = os.path.join(cwd, entry["file"])
        floor = timed(syntax_only(entry, opts.clangxx), cwd)
        ours = timed([opts.asynclint, "-p", opts.p, "-j1", source], cwd)
        theirs = timed([opts.clang_tidy, "-p", opts.p, "--quiet",
                        "--checks=" + TIDY_COROUTINE_CHECKS, source], cwd)
        if floor[2] != 0:
            continue  # the unit does not compile here; nothing to compare
        if ours[2] not in (0, 1):
            print(f"{source}: asynclint exited {ours[2]}; not measured")
            continue
        rows.append((source, floor, ours, theirs))
        print(f"{os.path.relpath(source, cwd)}: floor {floor[0]:.2f}s  "
              f"asynclint x{ours[0] / floor[0]:.2f}  clang-tidy x{theirs[0] / floor[0]:.2f}",
              flush=True)

    if not rows:
        print("no unit could be measured")
        return 1
    median = lambda xs: statistics.median(xs)
    print(f"\nunits measured: {len(rows)}")
    print(f"median time ratio asynclint / -fsyntax-only:  {median([o[0] / f[0] for _, f, o, _ in rows]):.2f}")
    print(f"median time ratio clang-tidy / -fsyntax-only: {median([t[0] / f[0] for _, f, _, t in rows]):.2f}")
    print(f"median peak memory ratio asynclint / -fsyntax-only: "
          f"{median([o[1] / f[1] for _, f, o, _ in rows]):.2f}")
    print(f"peak memory (MiB): -fsyntax-only {max(f[1] for _, f, _, _ in rows) / 1024:.0f}, "
          f"asynclint {max(o[1] for _, _, o, _ in rows) / 1024:.0f}, "
          f"clang-tidy {max(t[1] for _, _, _, t in rows) / 1024:.0f}")

    files = [r[0] for r in rows]
    serial = timed([opts.asynclint, "-p", opts.p, "-j1"] + files, opts.p)[0]
    parallel = timed([opts.asynclint, "-p", opts.p, f"-j{opts.jobs}"] + files, opts.p)[0]
    print(f"whole project: -j1 {serial:.1f}s, -j{opts.jobs} {parallel:.1f}s, "
          f"speed-up x{serial / parallel:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
