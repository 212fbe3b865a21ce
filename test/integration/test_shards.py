"""--shard=K/N splits a run across CI jobs; `asynclint merge` makes their
reports one: ONE SARIF run with one tool.driver, each finding once."""
import json
import os
import re
import unittest

from harness import CLANGXX, ScratchTreeTestCase, TASK_H, run, validate_sarif

# An inline coroutine of a header: both units that include it report it.
SHARED_H = """#pragma once
#include "task.h"
#include <unistd.h>
inline task shared_work() {
  ::sleep(1);
  co_await tick();
}
"""

UNIT = """#include "shared.h"
#include <unistd.h>
task {name}() {{
  ::usleep({n});
  co_await shared_work();
}}
"""

UNITS = ("a.cpp", "b.cpp", "c.cpp", "d.cpp", "e.cpp")
COUNTED = re.compile(r"in (\d+) translation units?")


class ShardTest(ScratchTreeTestCase):
    prefix = "asynclint-shards-"

    def setUp(self):
        super().setUp()
        self.write("include/task.h", TASK_H)
        self.write("include/shared.h", SHARED_H)
        for n, name in enumerate(UNITS):
            self.write("src/" + name, UNIT.format(name=name[0] + "_unit", n=n + 1))
        with open(self.path("compile_commands.json"), "w") as f:
            json.dump([{"directory": self.root, "file": self.path("src/" + n),
                        "arguments": [CLANGXX, "-std=c++20", "-I" + self.path("include"), "-c",
                                      self.path("src/" + n)]} for n in UNITS], f)

    def lint(self, *args):
        return run(["-p", self.root, "--no-cache"] + list(args), cwd=self.root)

    def merge(self, *args):
        return run(["merge"] + list(args), cwd=self.root)

    def shard_reports(self, fmt, count):
        paths = []
        units = 0
        for k in range(1, count + 1):
            path = self.path(f"shard{k}.{fmt}")
            status, _, err = self.lint(f"--shard={k}/{count}", f"--format={fmt}", "-o", path)
            self.assertEqual(status, 1, err)
            units += int(COUNTED.search(err).group(1))
            paths.append(path)
        self.assertEqual(units, len(UNITS))
        return paths

    def test_shards_partition_the_units(self):
        seen = []
        for k in (1, 2, 3):
            _, out, err = self.lint(f"--shard={k}/3", "--format=json")
            files = {os.path.basename(f["file"]) for f in json.loads(out)["findings"]}
            seen.append(sorted(files - {"shared.h"}))
        self.assertEqual(seen, [["a.cpp", "d.cpp"], ["b.cpp", "e.cpp"], ["c.cpp"]])

    def test_sarif_shards_merge_into_one_valid_run(self):
        whole = self.path("whole.sarif")
        self.lint("--format=sarif", "-o", whole)
        merged = self.path("merged.sarif")
        status, _, err = self.merge(*reversed(self.shard_reports("sarif", 3)), "-o", merged)
        self.assertEqual(status, 1, err)
        self.assertIn("asynclint merge: 6 findings from 3 reports", err)
        validate_sarif(self, merged)
        with open(merged) as f:
            log = json.load(f)
        with open(whole) as f:
            expected = json.load(f)
        self.assertEqual(len(log["runs"]), 1)
        run_ = log["runs"][0]
        self.assertEqual(run_["tool"]["driver"]["name"], "asynclint")
        # The header's finding, reported by every shard, is there once.
        header = [r for r in run_["results"]
                  if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                  == "include/shared.h"]
        self.assertEqual(len(header), 1)
        self.assertEqual(run_["results"], expected["runs"][0]["results"])
        rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
        for result in run_["results"]:
            self.assertEqual(rules[result["ruleIndex"]], result["ruleId"])

    def test_json_shards_merge(self):
        _, whole, _ = self.lint("--format=json")
        status, out, err = self.merge(*self.shard_reports("json", 2))
        self.assertEqual(status, 1, err)
        self.assertEqual(json.loads(out)["findings"], json.loads(whole)["findings"])

    def test_an_incomplete_shard_makes_the_merge_incomplete(self):
        self.write("src/c.cpp", "int broken = ;\n")
        paths = []
        for k in (1, 2):
            path = self.path(f"shard{k}.sarif")
            self.lint(f"--shard={k}/2", "--format=sarif", "-o", path)
            paths.append(path)
        status, _, err = self.merge(*paths, "-o", self.path("merged.sarif"))
        self.assertEqual(status, 3, err)
        with open(self.path("merged.sarif")) as f:
            invocation = json.load(f)["runs"][0]["invocations"][0]
        self.assertFalse(invocation["executionSuccessful"])
        self.assertEqual(len(invocation["toolExecutionNotifications"]), 1)

    def test_what_cannot_be_merged_is_a_usage_error(self):
        sarif, = self.shard_reports("sarif", 1)
        self.write("notjson.sarif", "{")
        self.write("other.sarif", json.dumps(
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "clang-tidy"}},
                                           "results": []}]}))
        _, json_report, _ = self.lint("--format=json")
        self.write("report.json", json_report)
        for inputs, message in (([sarif, "notjson.sarif"], "is not JSON"),
                                ([sarif, "other.sarif"], "another tool than asynclint"),
                                ([sarif, "report.json"], "is not a SARIF log"),
                                (["report.json", sarif], "is not a JSON report of asynclint"),
                                ([sarif, "missing.sarif"], "cannot read report 'missing.sarif'"),
                                ([], "no reports to merge")):
            status, out, err = self.merge(*inputs, "-o", self.path("out.sarif"))
            self.assertEqual(status, 2, (inputs, err))
            self.assertIn(message, err)
            self.assertFalse(os.path.exists(self.path("out.sarif")))

    def test_an_invalid_shard_is_a_usage_error(self):
        for shard in ("0/2", "3/2", "2", "a/b", "1/0"):
            status, _, err = self.lint("--shard=" + shard)
            self.assertEqual(status, 2, shard)
            self.assertIn("invalid --shard", err)


if __name__ == "__main__":
    unittest.main()
