#!/usr/bin/env python3
"""Turns the results of bench/run.py into docs/performance.md and its plot.

  bench/report.py results.json [--markdown docs/performance.md] [--plot docs/performance.png]

The plot needs matplotlib (Debian: python3-matplotlib); without it the report
is written without the plot.
"""
import argparse
import json
import os
import statistics
import sys

TARGETS = {"asynclint CPU": 1.08, "asynclint memory": 1.15}


def ratio(row, tool, what, base="floor"):
    mine, theirs = row.get(tool), row.get(base)
    if not mine or not theirs or mine.get("status") not in (0, 1) or not theirs.get(what):
        return None
    # The median of the ratios within each round, where bench/run.py
    # measured it; results of older versions have only the fastest runs.
    if mine.get("paired_" + what) is not None:
        return mine["paired_" + what]
    if mine.get(what) is None:
        return None
    return mine[what] / theirs[what]


SERIES = [
    # label, tool, measure, baseline
    ("asynclint CPU", "asynclint", "cpu", "floor"),
    ("asynclint memory", "asynclint", "rss_mib", "floor"),
    ("clang-tidy coroutine checks CPU", "clang-tidy", "cpu", "floor"),
    ("plugin CPU", "plugin", "cpu", "floor"),
    ("plugin memory", "plugin", "rss_mib", "floor"),
    ("asynclint-clangd time to diagnostics", "asynclint-clangd", "wall", "clangd"),
]


def measured_units(results):
    for project in results["projects"]:
        for row in project["units"]:
            if row["floor"]["status"] == 0:
                yield project, row


def series(results):
    values = {label: [] for label, *_ in SERIES}
    for _, row in measured_units(results):
        for label, tool, what, base in SERIES:
            r = ratio(row, tool, what, base)
            if r is not None:
                values[label].append(r)
    return values


def fmt(x, digits=2):
    return "n/a" if x is None else f"{x:.{digits}f}"


def summary_table(values):
    lines = ["| Ratio, per unit | Median | Range | Units | Target |",
             "|---|---:|---:|---:|---:|"]
    for label, *_ in SERIES:
        xs = values[label]
        if not xs:
            continue
        target = TARGETS.get(label)
        lines.append(f"| {label} | {statistics.median(xs):.3f} | {min(xs):.2f}–{max(xs):.2f} "
                     f"| {len(xs)} | {'≤ %.2f' % target if target else ''} |")
    return lines


def cache_ratio(whole):
    """Warm over cold wall time of the runs with the cache, when measured."""
    if "cache-warm" not in whole:
        return ""
    return f"{whole['cache-warm']['wall'] / whole['cache-cold']['wall']:.3f}"


def whole_table(results):
    jobs = results["jobs"]
    lines = [f"| Project | Units | -j1 wall (s) | -j{jobs} / -j1 wall | facts warm / cold wall "
             "| cache warm / cold wall |",
             "|---|---:|---:|---:|---:|---:|"]
    for project in results["projects"]:
        whole = project["whole"]
        if not whole:
            continue
        units = sum(1 for r in project["units"] if r["floor"]["status"] == 0)
        lines.append(f"| {project['name']} | {units} | {whole['j1']['wall']:.1f} | "
                     f"{whole[f'j{jobs}']['wall'] / whole['j1']['wall']:.2f} | "
                     f"{whole['facts-warm']['wall'] / whole['facts-cold']['wall']:.2f} | "
                     f"{cache_ratio(whole)} |")
    return lines


def unit_table(results):
    lines = ["| Unit | Floor CPU (s) | asynclint CPU | asynclint memory | clang-tidy CPU "
             "| plugin CPU | asynclint-clangd / clangd |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for project, row in measured_units(results):
        name = os.path.relpath(row["unit"], os.path.dirname(os.path.commonpath(
            [r["unit"] for r in project["units"]])))
        lines.append(
            f"| {project['name']}: `{name}` | {row['floor']['cpu']:.2f} "
            f"| {fmt(ratio(row, 'asynclint', 'cpu'), 3)} "
            f"| {fmt(ratio(row, 'asynclint', 'rss_mib'), 3)} "
            f"| {fmt(ratio(row, 'clang-tidy', 'cpu'))} | {fmt(ratio(row, 'plugin', 'cpu'))} "
            f"| {fmt(ratio(row, 'asynclint-clangd', 'wall', 'clangd'))} |")
    return lines


def plot(values, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("report.py: matplotlib is not installed; no plot", file=sys.stderr)
        return False
    labels = [label for label, *_ in SERIES if values[label]]
    fig, ax = plt.subplots(figsize=(9, 4.5))
    ax.boxplot([values[label] for label in labels], vert=False, showfliers=False)
    for i, label in enumerate(labels, start=1):
        xs = values[label]
        # Spread the points of one series vertically so that they stay apart.
        ax.scatter(xs, [i + (j % 7 - 3) * 0.04 for j in range(len(xs))], s=10, alpha=0.6)
        if label in TARGETS:
            ax.plot([TARGETS[label]] * 2, [i - 0.4, i + 0.4], color="tab:red", linewidth=1)
    ax.axvline(1.0, color="grey", linestyle=":", linewidth=1)
    ax.set_yticks(range(1, len(labels) + 1), labels)
    ax.set_xlabel("ratio to the floor (clang++ -fsyntax-only) or to stock clangd; red: target")
    ax.set_title("Per-unit cost")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results")
    parser.add_argument("--markdown", default="docs/performance.md")
    parser.add_argument("--plot", default="docs/performance.png")
    opts = parser.parse_args()
    with open(opts.results) as f:
        results = json.load(f)

    values = series(results)
    machine = results["machine"]
    has_plot = plot(values, opts.plot)
    projects = ", ".join(p["name"] for p in results["projects"])
    out = [
        "# Performance",
        "",
        "What asynclint costs over parsing the code, measured by `bench/run.py` and",
        "written by `bench/report.py`; the [benchmark's own page](../bench/README.md)",
        "says how to run it. Every ratio compares runs on the same unit on the same",
        f"machine, {results.get('rounds', 1)} runs of each tool, interleaved: a time ratio is the",
        "median over the rounds of the ratio within a round (the two runs of a pair",
        "follow each other, so a slow spell of the machine falls on both), memory the",
        "median, and absolute times the fastest run. CPU is user plus system time of the process",
        "and the children it waited for, memory is peak resident size, and the",
        "editor's time to diagnostics is from opening the file to the first",
        "diagnostics the server publishes for it.",
        "",
        f"Measured on {results['date']} at commit `{results['commit']}`, on {machine['cpu']}, "
        f"{machine['cores']} cores, {machine['memory_gib']} GiB ({machine['system']}), with "
        + ", ".join(v for v in results["versions"].values() if v) + ".",
        f"Projects: {projects}.",
        "",
        "The floor is `clang++-22 -fsyntax-only` with the unit's own compile command.",
        "clang-tidy runs its own coroutine checks",
        "(`cppcoreguidelines-avoid-reference-coroutine-parameters`,",
        "`cppcoreguidelines-no-suspend-with-lock`, `misc-coroutine-hostile-raii`); the",
        "plugin is clang-tidy-22 with asynclint's module loaded and `async-*` checks",
        "only; asynclint-clangd runs the `async-*` checks and is compared with stock",
        "clangd-22 on the same file.",
        "",
        "## Summary",
        "",
        *summary_table(values),
        "",
    ]
    if has_plot:
        out += [f"![Per-unit ratios]({os.path.relpath(opts.plot, os.path.dirname(opts.markdown))})",
                ""]
    out += [
        "Reading the figures:",
        "",
        "- Every run is a whole process, so each ratio includes start-up: loading",
        "  LLVM's shared libraries, the catalogue and the configuration, and for",
        "  asynclint the fork of the worker that analyses the unit. On the smallest",
        "  units (under half a second of parsing) that fixed part is most of what",
        "  asynclint adds.",
        "- asynclint's memory is the peak of its largest process, the worker that",
        "  parses the unit; the floor's is the `clang++` process. Both are the",
        "  kernel's own figure (`ru_maxrss`).",
        "- The time to diagnostics in the editor includes building the preamble,",
        "  which both servers do alike; the checks run on the main file's AST only.",
        "",
        "## Whole projects",
        "",
        "asynclint over each project's measured units at once. `-jN` against `-j1`",
        "is the speed-up from the worker processes; facts warm against cold is a",
        "run with the facts across units of the run before, against the run that",
        "wrote them from nothing; cache warm against cold is a second run with the",
        "cache of results against the first, which filled it (the target: at most",
        "0.05). The warm run's cost is mostly fixed per run (start-up, the",
        "configuration, reading the entries and hashing every input once), so the",
        "smallest samples show the largest share. Every other run is without the",
        "cache (`--no-cache`).",
        "",
        *whole_table(results),
        "",
        "## Every unit",
        "",
        *unit_table(results),
        "",
    ]
    temporary = opts.markdown + ".tmp"
    with open(temporary, "w") as f:
        f.write("\n".join(out))
    os.replace(temporary, opts.markdown)
    print(f"wrote {opts.markdown}" + (f" and {opts.plot}" if has_plot else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
