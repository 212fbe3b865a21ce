"""The cache of results: a unit is analysed again only when something its
result depends on changed, and a damaged or foreign entry is never trusted."""
import glob
import json
import os
import re
import subprocess
import time
import unittest

from harness import ASYNCLINT, CLANGXX, ScratchTreeTestCase, TASK_H, run


# Included by a.cpp and c.cpp, not by b.cpp.
PAUSE_H = """#pragma once
inline void pause_briefly() {}
"""

PAUSE_H_BLOCKING = """#pragma once
#include <unistd.h>
inline void pause_briefly() { ::usleep(100); }
"""

A_CPP = """#include "pause.h"
#include "task.h"
task a() {
  pause_briefly();
  co_await tick();
}
"""

B_CPP = """#include "task.h"
#include <unistd.h>
task b() {
  ::sleep(1);
  co_await tick();
}
"""

C_CPP = """#include "pause.h"
#include "task.h"
task c() {
  pause_briefly();
  co_await tick();
}
"""

CACHED = re.compile(r"(\d+) of the units unchanged, from the cache")


class CacheTest(ScratchTreeTestCase):
    prefix = "asynclint-cache-"

    def setUp(self):
        super().setUp()
        for name, text in {"include/task.h": TASK_H, "include/pause.h": PAUSE_H,
                           "src/a.cpp": A_CPP, "src/b.cpp": B_CPP, "src/c.cpp": C_CPP}.items():
            self.write(name, text)
        self.database()

    def database(self, include_dirs=("include",)):
        flags = ["-I" + self.path(d) for d in include_dirs]
        with open(self.path("compile_commands.json"), "w") as f:
            json.dump([{"directory": self.root, "file": self.path("src/" + n),
                        "arguments": [CLANGXX, "-std=c++20"] + flags + ["-c",
                                                                        self.path("src/" + n)]}
                       for n in ("a.cpp", "b.cpp", "c.cpp")], f)

    def lint(self, *args):
        """(findings as (file, line, rule), units taken from the cache, stderr)."""
        status, out, err = run(["-p", self.root, "--format=json"] + list(args), cwd=self.root)
        self.assertIn(status, (0, 1, 3), err)
        findings = sorted((os.path.basename(f["file"]), f["line"], f["rule"])
                          for f in json.loads(out)["findings"])
        match = CACHED.search(err)
        return findings, int(match.group(1)) if match else 0, err

    def entries(self, directory=".asynclint/cache"):
        return glob.glob(os.path.join(self.path(directory), "*", "*.cbor"))

    def test_a_second_run_takes_every_unit_from_the_cache_and_reports_the_same(self):
        first, cached, _ = self.lint()
        self.assertEqual(cached, 0)
        self.assertEqual(first, [("b.cpp", 4, "async-blocking-call")])
        self.assertEqual(len(self.entries()), 3)
        second, cached, err = self.lint()
        self.assertEqual((second, cached), (first, 3), err)
        # The text report too, carets and all.
        _, text_first, _ = run(["-p", self.root, "--no-cache"], cwd=self.root)
        _, text_cached, _ = run(["-p", self.root], cwd=self.root)
        self.assertEqual(text_cached, text_first)

    def test_a_stopped_run_keeps_the_units_it_finished(self):
        # A cold run over a CI job's time limit: what was done is kept.
        slow = ("constexpr long spin() { long s = 0; for (long i = 0; i < 4000000000; ++i) "
                "s += i % 7; return s; }\nstatic_assert(spin() > 0);\n")
        self.write("src/slow.cpp", slow)
        with open(self.path("compile_commands.json")) as f:
            entries = json.load(f)
        entries.append(dict(entries[0], file=self.path("src/slow.cpp"),
                            arguments=[CLANGXX, "-std=c++20", "-fconstexpr-steps=2147483647",
                                       "-c", self.path("src/slow.cpp")]))
        with open(self.path("compile_commands.json"), "w") as f:
            json.dump(entries, f)
        proc = subprocess.Popen([ASYNCLINT, "-p", self.root, "-j2"], cwd=self.root,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while len(self.entries()) < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
        proc.terminate()
        proc.wait(timeout=60)
        self.assertEqual(len(self.entries()), 3)
        self.database()
        findings, cached, err = self.lint()
        self.assertEqual((findings, cached), ([("b.cpp", 4, "async-blocking-call")], 3), err)

    def test_a_changed_header_reanalyses_exactly_the_units_that_include_it(self):
        self.lint()
        self.write("include/pause.h", PAUSE_H_BLOCKING)
        findings, cached, err = self.lint()
        # b.cpp does not include pause.h: the only unit from the cache.
        self.assertEqual(cached, 1, err)
        self.assertEqual(findings, [("a.cpp", 4, "async-blocking-call"),
                                    ("b.cpp", 4, "async-blocking-call"),
                                    ("c.cpp", 4, "async-blocking-call")])
        self.write("include/pause.h", PAUSE_H)
        findings, cached, _ = self.lint()
        self.assertEqual((findings, cached), ([("b.cpp", 4, "async-blocking-call")], 1))

    def test_a_changed_main_file_reanalyses_that_unit_only(self):
        self.lint()
        self.write("src/b.cpp", B_CPP.replace("::sleep(1);", "(void)0;"))
        findings, cached, _ = self.lint()
        self.assertEqual((findings, cached), ([], 2))

    def test_a_header_that_appears_earlier_on_the_include_path_is_seen(self):
        self.database(include_dirs=("override", "include"))
        self.write("override/other.h", "#pragma once\n")
        self.lint()
        self.write("override/pause.h", PAUSE_H_BLOCKING)
        findings, cached, err = self.lint()
        self.assertEqual(cached, 1, err)
        self.assertIn(("a.cpp", 4, "async-blocking-call"), findings)

    def test_include_paths_through_symbolic_links_and_dot_dot(self):
        # link/.. is real/, not the project's root: as a toolchain's
        # /lib/gcc/../../include is /usr/include where /lib links to /usr/lib.
        os.makedirs(self.path("real/sub"))
        os.symlink(self.path("real/sub"), self.path("link"))
        self.write("real/headers/pause.h", PAUSE_H)
        os.remove(self.path("include/pause.h"))
        self.database(include_dirs=("include", "link/../headers"))
        first, cached, err = self.lint()
        self.assertEqual(cached, 0, err)
        second, cached, err = self.lint()
        self.assertEqual((second, cached), (first, 3), err)
        self.write("real/headers/pause.h", PAUSE_H_BLOCKING)
        findings, cached, err = self.lint()
        self.assertEqual(cached, 1, err)
        self.assertIn(("a.cpp", 4, "async-blocking-call"), findings)

    def test_other_configuration_is_another_key(self):
        self.lint()
        _, cached, _ = self.lint("--checks=-*,async-unawaited-task")
        self.assertEqual(cached, 0)
        self.write(".clang-tidy", "CheckOptions:\n  async-blocking-call.ReportTestCode: true\n")
        _, cached, _ = self.lint()
        self.assertEqual(cached, 0)
        _, cached, _ = self.lint()
        self.assertEqual(cached, 3)
        _, cached, _ = self.lint("--extra-arg=-DSOMETHING")
        self.assertEqual(cached, 0)

    def test_a_changed_catalogue_file_is_another_key(self):
        catalogue = self.path("extra.json")
        with open(catalogue, "w") as f:
            json.dump({"categories": [{"id": "gpu", "summary": "waits for the GPU",
                                       "advice": "await the stream"}]}, f)
        config = "--config={CheckOptions: {async-blocking-call.CatalogFile: '%s'}}" % catalogue
        _, _, err = self.lint(config)
        self.assertNotIn("invalid catalogue", err)
        _, cached, _ = self.lint(config)
        self.assertEqual(cached, 3)
        with open(catalogue, "a") as f:
            f.write("\n")
        _, cached, _ = self.lint(config)
        self.assertEqual(cached, 0)

    def test_damaged_entries_are_ignored_and_replaced(self):
        expected, _, _ = self.lint()
        entries = sorted(self.entries())
        with open(entries[0], "r+b") as f:
            f.truncate(os.path.getsize(entries[0]) // 2)
        with open(entries[1], "r+b") as f:
            data = bytearray(f.read())
            at = data.index(b"result") + 20
            data[at] = ord("x") if data[at] != ord("x") else ord("y")
            f.seek(0)
            f.write(data)
        with open(entries[2], "w") as f:
            f.write("not a cache entry")
        findings, cached, err = self.lint()
        self.assertEqual((findings, cached), (expected, 0), err)
        findings, cached, _ = self.lint()
        self.assertEqual((findings, cached), (expected, 3))

    def test_entries_of_another_unit_are_not_taken(self):
        self.lint()
        entries = sorted(self.entries())
        # Swap two entries' contents: each is then stored under the other's key.
        with open(entries[0], "rb") as f:
            first = f.read()
        with open(entries[1], "rb") as f:
            second = f.read()
        with open(entries[0], "wb") as f:
            f.write(second)
        with open(entries[1], "wb") as f:
            f.write(first)
        findings, cached, _ = self.lint()
        self.assertEqual((findings, cached), ([("b.cpp", 4, "async-blocking-call")], 1))

    def test_units_that_fail_are_not_cached(self):
        self.write("src/c.cpp", C_CPP + "int broken = ;\n")
        self.lint()
        self.assertEqual(len(self.entries()), 2)
        _, cached, err = self.lint()
        self.assertEqual(cached, 2)
        self.assertIn("could not be analysed", err)

    def test_no_cache_and_cache_dir(self):
        _, cached, _ = self.lint("--no-cache")
        self.assertFalse(os.path.exists(self.path(".asynclint/cache")))
        _, cached, _ = self.lint("--no-cache")
        self.assertEqual(cached, 0)
        elsewhere = os.path.join(self.root, "shared-cache")
        self.lint("--cache-dir=" + elsewhere)
        self.assertEqual(len(self.entries("shared-cache")), 3)
        self.assertFalse(os.path.exists(self.path(".asynclint/cache")))
        _, cached, _ = self.lint("--cache-dir=" + elsewhere)
        self.assertEqual(cached, 3)

    def test_entries_no_run_uses_are_pruned(self):
        self.lint()
        old = time.time() - 40 * 24 * 3600
        for entry in self.entries():
            os.utime(entry, (old, old))
        # Pruned at most once a day: the first run made the stamp.
        self.lint("--checks=-*,async-unawaited-task")
        self.assertEqual(len(self.entries()), 6)
        os.remove(self.path(".asynclint/cache/last-pruned"))
        # A run that uses the old entries keeps them.
        _, cached, _ = self.lint()
        self.assertEqual(cached, 3)
        self.assertEqual(len(self.entries()), 6)
        for entry in self.entries():
            os.utime(entry, (old, old))
        os.remove(self.path(".asynclint/cache/last-pruned"))
        self.lint("--checks=-*,async-unawaited-task")
        self.assertEqual(len(self.entries()), 3)
        _, cached, _ = self.lint()
        self.assertEqual(cached, 0)

    def test_concurrent_runs_share_the_cache(self):
        args = [ASYNCLINT, "-p", self.root, "--format=json", "-j1"]
        runs = [subprocess.Popen(args, cwd=self.root, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(3)]
        outputs = [r.communicate(timeout=600) for r in runs]
        for out, err in outputs:
            found = sorted((os.path.basename(f["file"]), f["line"])
                           for f in json.loads(out)["findings"])
            self.assertEqual(found, [("b.cpp", 4)], err)
        findings, cached, _ = self.lint()
        self.assertEqual((findings, cached), ([("b.cpp", 4, "async-blocking-call")], 3))


if __name__ == "__main__":
    unittest.main()
