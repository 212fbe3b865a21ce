#!/usr/bin/env python3
"""Measures asynclint against the floor and against clang-tidy.

For every translation unit of a compilation database it times, in one run:
  - the floor: `clang++-22 -fsyntax-only` with the unit's own command,
  - asynclint on that unit alone (-j1),
  - clang-tidy-22 running its own coroutine checks on it,
and reports the median ratios asynclint/floor and clang-tidy/floor, the peak
memory of each, the whole-project speed-up of `asynclint -jN` over -j1, and
what the analysis across units costs a whole-project run: its CPU time with
facts written and merged from nothing (cold) and with the facts of the run
before (warm), each against the same run with --no-facts.
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
import tempfile
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


def cpu_seconds(argv, cwd):
    """Runs argv; returns the CPU seconds (user and system) of the process
    and of the descendants it waited for."""
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime


def facts_cost(opts, files):
    """CPU of whole-project runs with facts, cold and warm, over the same
    runs without; the pairs alternate so that both see the same machine."""
    base = [opts.asynclint, "-p", opts.p, f"-j{opts.jobs}"] + files
    cold, warm = [], []
    for _ in range(opts.rounds):
        with tempfile.TemporaryDirectory(prefix="asynclint-facts-") as facts:
            without = cpu_seconds(base + ["--no-facts"], opts.p)
            first = cpu_seconds(base + ["--facts-dir=" + facts], opts.p)
            again = cpu_seconds(base + ["--facts-dir=" + facts], opts.p)
        cold.append(first / without)
        warm.append(again / without)
    print(f"facts across units, CPU of a whole-project run / the same run with --no-facts "
          f"({opts.rounds} round{'s' if opts.rounds > 1 else ''}): "
          f"cold x{statistics.median(cold):.3f}, warm x{statistics.median(warm):.3f}")


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
    parser.add_argument("--rounds", type=int, default=1,
                        help="pairs of whole-project runs for the cost of facts across units")
    parser.add_argument("--only-facts", action="store_true",
                        help="measure only the cost of facts across units")
    opts = parser.parse_args()
    opts.p = os.path.abspath(opts.p)
    opts.asynclint = os.path.abspath(opts.asynclint)

    with open(os.path.join(opts.p, "compile_commands.json")) as f:
        entries = json.load(f)
    if opts.limit:
        entries = entries[:opts.limit]

    if opts.only_facts:
        facts_cost(opts, [os.path.join(e["directory"], e["file"]) for e in entries])
        return 0

    rows = []
    for entry in entries:
        cwd = entry["directory"]
        source = os.path.join(cwd, entry["file"])
        floor = timed(syntax_only(entry, opts.clangxx), cwd)
        # Facts of this unit alone: what writing and merging them costs,
        # without the facts of earlier units to act on.
        with tempfile.TemporaryDirectory(prefix="asynclint-facts-") as facts:
            ours = timed([opts.asynclint, "-p", opts.p, "-j1", "--facts-dir=" + facts, source],
                         cwd)
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
    serial = timed([opts.asynclint, "-p", opts.p, "-j1", "--no-facts"] + files, opts.p)[0]
    parallel = timed([opts.asynclint, "-p", opts.p, f"-j{opts.jobs}", "--no-facts"] + files,
                     opts.p)[0]
    print(f"whole project: -j1 {serial:.1f}s, -j{opts.jobs} {parallel:.1f}s, "
          f"speed-up x{serial / parallel:.2f}")
    facts_cost(opts, files)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
