#!/usr/bin/env python3
"""Measures asynclint against the floor and against its peers, pairwise, in one run.

For a sample of the translation units of each project's compilation database
it measures, one after the other on the same unit:
  floor           clang++-22 -fsyntax-only with the unit's own command
  asynclint       asynclint on that unit alone (-j1)
  clang-tidy      clang-tidy-22 running its own coroutine checks
  plugin          clang-tidy-22 with the asynclint module loaded, async-* only
  clangd          stock clangd-22: time from opening the file to its diagnostics
  asynclint-clangd the same with the async checks enabled
CPU time (user + system, the process and the children it waited for) and
peak resident memory; for the editors, wall time to diagnostics. Each tool
runs --rounds times, the rounds interleaved. A tool's ratio to its baseline
(the floor; stock clangd for asynclint-clangd) is the median over the rounds
of the ratio within a round, whose runs follow each other: a slow spell of a
shared machine falls on both runs of a pair, where the fastest run of each
tool, taken apart, may come from different spells. The fastest run gives the
absolute times, and memory is the median. Over each
project's sample it also runs the whole: -jN against -j1 wall time, and a run
with facts across units from nothing (cold) against the next one (warm).

The results go to a JSON file that bench/report.py turns into
docs/performance.md. Ratios are from one run on one machine; absolute times
are not meant to be compared across machines.

  bench/run.py --build build --project libcoro=/path/to/libcoro/build \\
               --project cppcoro=... --units 6 --output results.json
"""
import argparse
import datetime
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

import lsp

TIDY_COROUTINE_CHECKS = ("-*,cppcoreguidelines-avoid-reference-coroutine-parameters,"
                         "cppcoreguidelines-no-suspend-with-lock,misc-coroutine-hostile-raii")
SOURCE_SUFFIXES = (".cpp", ".cc", ".cxx", ".c++")


def measured(argv, cwd, env=None):
    """Runs argv to its end: {"cpu", "wall", "rss_mib", "status"}. CPU and
    peak memory cover the children the process waited for (asynclint's
    workers)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": time.perf_counter() - start,
            "rss_mib": usage.ru_maxrss / 1024, "status": os.waitstatus_to_exitcode(status)}


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


def sample(entries, count):
    """count units spread evenly over the project, in a stable order."""
    units = sorted({os.path.normpath(os.path.join(e["directory"], e["file"])): e
                    for e in entries if e["file"].endswith(SOURCE_SUFFIXES)}.items())
    if count <= 0 or count >= len(units):
        return units
    step = len(units) / count
    return [units[int(i * step)] for i in range(count)]


def clangd_config(directory):
    """A user configuration that enables the async checks; stock clangd
    knows none of them and runs no check, which is what its users have."""
    os.makedirs(os.path.join(directory, "clangd"))
    with open(os.path.join(directory, "clangd", "config.yaml"), "w") as f:
        f.write("Diagnostics:\n  ClangTidy:\n    Add: [async-*]\n    FastCheckFilter: None\n")
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = directory
    return env


def fastest(runs, key):
    """The run with the least of key: on a shared machine noise only adds."""
    done = [r for r in runs if r.get(key) is not None]
    return min(done, key=lambda r: r[key]) if done else runs[0]


# What each tool's per-round ratio is taken of, and against which tool.
PAIRED = {"asynclint": ("cpu", "floor"), "clang-tidy": ("cpu", "floor"),
          "plugin": ("cpu", "floor"), "asynclint-clangd": ("wall", "clangd")}


def paired_ratio(mine, base, key):
    """The median over rounds of mine/base within each round, or None."""
    ratios = [m[key] / b[key] for m, b in zip(mine, base)
              if m.get("status") in (0, 1) and m.get(key) and b.get(key)]
    return statistics.median(ratios) if ratios else None


def measure_unit(opts, build, source, entry, clangd_env):
    cwd = entry["directory"]
    # Once untimed, so that the unit's headers are in the page cache for
    # every measured run alike.
    if measured(syntax_only(entry, opts.clangxx), cwd)["status"] != 0:
        return {"unit": source, "floor": {"status": 1}}

    def clangd(server):
        seconds, count = lsp.time_to_diagnostics(
            [server, "--compile-commands-dir=" + build, "--background-index=false",
             "--log=error"], build, source, clangd_env, opts.clangd_timeout)
        return {"wall": seconds, "diagnostics": count, "status": 0 if seconds is not None else 1}

    def asynclint():
        with tempfile.TemporaryDirectory(prefix="asynclint-facts-") as facts:
            return measured([opts.asynclint, "-p", build, "-j1", "--quiet", "--no-cache",
                             "--facts-dir=" + facts, source], cwd)

    tools = {
        "floor": lambda: measured(syntax_only(entry, opts.clangxx), cwd),
        "asynclint": asynclint,
        "clang-tidy": lambda: measured([opts.clang_tidy, "-p", build, "--quiet",
                                        "--checks=" + TIDY_COROUTINE_CHECKS, source], cwd),
        "plugin": lambda: measured([opts.clang_tidy, "--load=" + opts.plugin, "-p", build,
                                    "--quiet", "--checks=-*,async-*", source], cwd),
        "clangd": lambda: clangd(opts.stock_clangd),
        "asynclint-clangd": lambda: clangd(opts.clangd),
    }
    # Rounds interleave the tools, so that a slow spell of the machine
    # falls on all of them.
    runs = {name: [] for name in tools}
    for _ in range(opts.rounds):
        for name, run in tools.items():
            runs[name].append(run())
    row = {"unit": source}
    for name, results in runs.items():
        row[name] = dict(fastest(results, "wall" if name.endswith("clangd") else "cpu"))
        if "rss_mib" in row[name]:
            row[name]["rss_mib"] = statistics.median(r["rss_mib"] for r in results)
        if name in PAIRED:
            key, base = PAIRED[name]
            row[name]["paired_" + key] = paired_ratio(results, runs[base], key)
    return row


def measure_project(opts, name, build, clangd_env):
    with open(os.path.join(build, "compile_commands.json")) as f:
        units = sample(json.load(f), opts.units)
    rows = []
    for source, entry in units:
        row = measure_unit(opts, build, source, entry, clangd_env)
        rows.append(row)
        if row["floor"]["status"] != 0:
            print(f"{name}: {source}: does not compile here; not measured", flush=True)
            continue
        def shown(tool):
            paired = row[tool].get("paired_cpu")
            return "n/a" if paired is None else f"x{paired:.3f}"
        print(f"{name}: {os.path.relpath(source)}: floor {row['floor']['cpu']:.2f}s CPU, "
              f"asynclint {shown('asynclint')}, plugin {shown('plugin')}", flush=True)

    files = [r["unit"] for r in rows if r["floor"]["status"] == 0]
    whole = {}
    if files:
        base = [opts.asynclint, "-p", build, "--quiet"]
        uncached = base + ["--no-cache"]
        whole["j1"] = measured(uncached + ["-j1", "--no-facts"] + files, build)
        whole[f"j{opts.jobs}"] = measured(uncached + [f"-j{opts.jobs}", "--no-facts"] + files,
                                          build)
        with tempfile.TemporaryDirectory(prefix="asynclint-facts-") as facts:
            parallel = uncached + [f"-j{opts.jobs}", "--facts-dir=" + facts] + files
            whole["facts-cold"] = measured(parallel, build)
            whole["facts-warm"] = measured(parallel, build)
        with tempfile.TemporaryDirectory(prefix="asynclint-cache-") as scratch:
            cached = base + [f"-j{opts.jobs}", "--facts-dir=" + os.path.join(scratch, "facts"),
                             "--cache-dir=" + os.path.join(scratch, "cache")] + files
            whole["cache-cold"] = measured(cached, build)
            whole["cache-warm"] = measured(cached, build)
    return {"name": name, "build": build, "units": rows, "whole": whole}


def git_commit(directory):
    try:
        return subprocess.run(["git", "-C", directory, "rev-parse", "--short=12", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f
                          if line.startswith("model name")), model)
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpu": model, "cores": os.cpu_count(), "memory_gib": round(memory, 1),
            "system": platform.platform()}


def version(tool):
    try:
        out = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout
        return next((line.strip() for line in out.splitlines() if "version" in line), "")
    except OSError:
        return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", action="append", required=True, metavar="NAME=BUILD",
                        help="a project and its build directory with compile_commands.json")
    parser.add_argument("--build", default="build", help="asynclint's own build directory")
    parser.add_argument("--units", type=int, default=6,
                        help="units measured per project, spread evenly (0: all)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs of each tool per unit, interleaved")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--clang-tidy", default="clang-tidy-22")
    parser.add_argument("--clangxx", default="clang++-22")
    parser.add_argument("--stock-clangd", default="clangd-22")
    parser.add_argument("--clangd-timeout", type=float, default=300)
    parser.add_argument("--output", required=True, help="where the results go (JSON)")
    opts = parser.parse_args()
    build = os.path.abspath(opts.build)
    opts.asynclint = os.path.join(build, "tool", "asynclint", "asynclint")
    opts.plugin = os.path.join(build, "tool", "plugin", "libasynclint-tidy.so")
    opts.clangd = os.path.join(build, "tool", "clangd", "asynclint-clangd")
    for tool in (opts.asynclint, opts.plugin, opts.clangd):
        if not os.path.exists(tool):
            sys.exit(f"run.py: '{tool}' is missing; build asynclint first")

    results = {"date": datetime.date.today().isoformat(),
               "commit": git_commit(os.path.dirname(os.path.abspath(__file__))),
               "machine": machine(), "jobs": opts.jobs, "rounds": opts.rounds,
               "versions": {t: version(t) for t in (opts.clangxx, opts.clang_tidy,
                                                     opts.stock_clangd)},
               "projects": []}
    with tempfile.TemporaryDirectory(prefix="asynclint-bench-") as config:
        clangd_env = clangd_config(config)
        for spec in opts.project:
            name, _, directory = spec.partition("=")
            if not directory:
                sys.exit(f"run.py: --project wants NAME=BUILD, not '{spec}'")
            results["projects"].append(
                measure_project(opts, name, os.path.abspath(directory), clangd_env))
    temporary = opts.output + ".tmp"
    with open(temporary, "w") as f:
        json.dump(results, f, indent=1)
    os.replace(temporary, opts.output)
    print(f"results in {opts.output}; bench/report.py {opts.output} writes the report")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
