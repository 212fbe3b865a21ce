"""async-blocking-call across translation units: the facts each unit
writes, the merge, and every front end reading the merged facts."""
import json
import os
import subprocess
import unittest

from harness import (CLANG_TIDY, CLANGD, CLANGXX, PLUGIN, ScratchTreeTestCase, TASK_H, run,
                     validate_sarif)


JOURNAL_H = """#pragma once
#include <string>
#include <unistd.h>
void flush_journal(int fd);
std::string load_config(const std::string &path);
int compute(int x);
void notify(int fd);
void warm_cache();
inline void checkpoint(int fd) { flush_journal(fd); }
inline void settle() { ::usleep(100); }
struct Store {
  virtual ~Store() = default;
  virtual void save();
};
void rotate_if_full(int fd, bool full);
"""

JOURNAL_CPP = """#include "journal.h"
#include <chrono>
#include <fstream>
#include <thread>
#include <unistd.h>

static void sync_all(int fd) {
  ::fsync(fd);
}

void flush_journal(int fd) {
  sync_all(fd);
}

std::string load_config(const std::string &path) {
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  return text;
}

void Store::save() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }

void rotate_if_full(int fd, bool full) {
  if (full)
    sync_all(fd);
}
"""

UTIL_CPP = """#include "journal.h"
#include <chrono>
#include <thread>

int compute(int x) { return x * 2; }

void notify(int fd) {
  std::thread([fd] { std::this_thread::sleep_for(std::chrono::seconds(fd)); }).detach();
}

void warm_cache() { std::this_thread::sleep_for(std::chrono::milliseconds(5)); }
"""

SERVER_CPP = """#include "journal.h"
#include "task.h"

task serve(int fd, Store &store) {
  flush_journal(fd);
  std::string config = load_config("app.conf");
  checkpoint(fd);
  settle();
  int n = compute(fd);
  notify(fd);
  store.save();
  warm_cache(); // NOLINT(async-blocking-call): runs once, before the loop starts
  rotate_if_full(fd, n > 4);
  (void)n;
  co_await tick();
}
"""

ROWS_H = """#pragma once
#include "task.h"
namespace cppcoro {
template <typename Awaitable> int sync_wait(Awaitable &&work);
}
task fetch_rows();
int rows_now();
"""

ROWS_CPP = """#include "rows.h"

int rows_now() { return cppcoro::sync_wait(fetch_rows()); }
"""

REPORT_CPP = """#include "rows.h"

task report() {
  int rows = rows_now();
  (void)rows;
  co_await tick();
}
"""


class CrossUnitTest(ScratchTreeTestCase):
    prefix = "asynclint-xtu-"

    def setUp(self):
        super().setUp()
        for name, text in {"include/task.h": TASK_H, "include/journal.h": JOURNAL_H,
                           "src/journal.cpp": JOURNAL_CPP, "src/util.cpp": UTIL_CPP,
                           "src/server.cpp": SERVER_CPP}.items():
            self.write(name, text)
        self.database(["src/server.cpp", "src/journal.cpp", "src/util.cpp"])

    def database(self, files):
        with open(self.path("compile_commands.json"), "w") as f:
            json.dump([{"directory": self.root, "file": self.path(n),
                        "arguments": [CLANGXX, "-std=c++20", "-I" + self.path("include"), "-c",
                                      self.path(n)]} for n in files], f)

    def lint(self, *args, status=None):
        return run(["-p", self.root] + list(args), cwd=self.root, check_status=status)

    def findings(self, *args):
        _, out, _ = self.lint("--format=json", *args)
        return [f for f in json.loads(out)["findings"] if f["rule"] == "async-blocking-call"]

    def merged(self):
        with open(self.path(".asynclint/facts/merged.json")) as f:
            return json.load(f)

    def test_finds_blocking_helpers_of_other_units_with_the_chain(self):
        status, out, err = self.lint()
        self.assertEqual(status, 1, out + err)
        self.assertIn("src/server.cpp:5:3: warning: call to 'flush_journal' may block in "
                      "coroutine 'serve': it reaches 'fsync' (file-io)", out)
        self.assertIn("src/journal.cpp:12:3: note: 'flush_journal' calls 'sync_all'", out)
        self.assertIn("src/journal.cpp:8:3: note: 'sync_all' reaches 'fsync' (file-io)", out)
        self.assertIn("src/server.cpp:6:24: warning: call to 'load_config' may block", out)
        self.assertIn("src/journal.cpp:16:17: note: 'load_config' reaches "
                      "'std::ifstream::ifstream' (file-io)", out)
        # Through an inline helper of a header, then into another unit.
        self.assertIn("src/server.cpp:7:3: warning: call to 'checkpoint' may block", out)
        self.assertIn("include/journal.h:9:34: note: 'checkpoint' calls 'flush_journal'", out)
        # Not followed: work handed to a thread, a virtual call, a function
        # that does not block; NOLINT holds as for any finding.
        lines = sorted(f["line"] for f in self.findings())
        # Within the unit, through a header's inline function.
        self.assertIn("src/server.cpp:8:3: warning: call to 'settle' may block", out)
        self.assertIn("include/journal.h:10:24: note: 'settle' reaches 'usleep' (sleep)", out)
        self.assertEqual(lines, [5, 6, 7, 8])
        self.assertIn("4 findings in 3 translation units; 1 suppressed by NOLINT", err)

    def test_a_synchronous_wrapper_of_a_coroutine_in_another_unit_blocks(self):
        # Its body waits for a coroutine: calling it from one blocks the
        # thread that should run the coroutine.
        self.write("include/rows.h", ROWS_H)
        self.write("src/rows.cpp", ROWS_CPP)
        self.write("src/report.cpp", REPORT_CPP)
        self.database(["src/report.cpp", "src/rows.cpp"])
        status, out, err = self.lint()
        self.assertEqual(status, 1, out + err)
        self.assertIn("src/report.cpp:4:14: warning: call to 'rows_now' may block in coroutine "
                      "'report': it reaches 'cppcoro::sync_wait' (sync-wait)", out)
        self.assertIn("src/rows.cpp:3:25: note: 'rows_now' reaches 'cppcoro::sync_wait' "
                      "(sync-wait)", out)

    def test_facts_are_versioned_per_unit_and_merged(self):
        self.lint(status=1)
        units = os.listdir(self.path(".asynclint/facts/units"))
        self.assertEqual(len(units), 3, units)
        merged = self.merged()
        self.assertEqual((merged["kind"], merged["version"]), ("project", 2))
        names = sorted(f["name"] for f in merged["blocking"])
        self.assertEqual(names, ["Store::save", "checkpoint", "flush_journal", "load_config",
                                 "rotate_if_full", "settle", "sync_all", "warm_cache"])
        for unit in units:
            with open(self.path(".asynclint/facts/units/" + unit)) as f:
                facts = json.load(f)
            self.assertEqual((facts["kind"], facts["version"]), ("unit", 2))
            self.assertTrue(facts["unit"].startswith(self.root))

    def test_a_second_run_reads_the_facts_and_reports_the_same(self):
        _, first, _ = self.lint("--format=json")
        _, second, _ = self.lint("--format=json")
        self.assertEqual(json.loads(first)["findings"], json.loads(second)["findings"])

    def test_a_helper_that_stops_blocking_stops_being_reported(self):
        self.lint(status=1)
        self.write("src/journal.cpp", JOURNAL_CPP.replace("  ::fsync(fd);\n", "  (void)fd;\n"))
        lines = sorted(f["line"] for f in self.findings())
        self.assertEqual(lines, [6, 8])
        self.assertNotIn("flush_journal", [f["name"] for f in self.merged()["blocking"]])

    def test_a_helper_of_another_unit_that_blocks_on_some_ways_only_is_for_the_audit(self):
        self.lint(status=1)
        self.assertNotIn(13, [f["line"] for f in self.findings()])
        rotate = next(f for f in self.merged()["blocking"] if f["name"] == "rotate_if_full")
        self.assertFalse(rotate["certain"])
        self.assertTrue(next(f for f in self.merged()["blocking"]
                             if f["name"] == "flush_journal")["certain"])
        audit = self.findings("--config={CheckOptions: {AuditMode: true}}")
        self.assertIn(13, [f["line"] for f in audit])
        _, out, _ = self.lint("--config={CheckOptions: {AuditMode: true}}")
        self.assertIn("src/server.cpp:13:3: warning: call to 'rotate_if_full' may block", out)
        self.assertIn("src/journal.cpp:26:5: note: 'rotate_if_full' calls 'sync_all'", out)

    def test_facts_of_units_no_longer_in_the_database_are_not_read(self):
        self.lint(status=1)
        self.database(["src/server.cpp", "src/util.cpp"])
        self.assertEqual([f["line"] for f in self.findings()], [8])
        self.assertEqual(sorted(f["name"] for f in self.merged()["blocking"]),
                         ["settle", "warm_cache"])

    def test_damaged_facts_are_named_and_ignored(self):
        self.lint(status=1)
        units = self.path(".asynclint/facts/units")
        journal = next(n for n in os.listdir(units) if n.startswith("journal.cpp"))
        with open(os.path.join(units, journal), "w") as f:
            f.write('{"kind": "unit", "version": 1, "unit": ')
        status, out, err = self.lint(self.path("src/server.cpp"))
        self.assertEqual(status, 1, err)
        self.assertNotIn("'flush_journal' may block", out)
        self.assertIn("'settle' may block", out)
        self.assertIn("ignoring damaged facts", err)
        self.assertIn(journal, err)

    def test_facts_of_another_version_are_ignored(self):
        self.lint(status=1)
        merged = self.merged()
        merged["version"] = 99
        with open(self.path(".asynclint/facts/merged.json"), "w") as f:
            json.dump(merged, f)
        # Only server.cpp is analysed: the units' facts are still there and
        # merged anew.
        status, out, _ = self.lint(self.path("src/server.cpp"))
        self.assertEqual(status, 1)
        self.assertIn("'flush_journal' may block", out)
        self.assertEqual(self.merged()["version"], 2)

    def test_facts_dir_and_no_facts(self):
        elsewhere = self.path("shared-facts")
        self.lint("--facts-dir=" + elsewhere, status=1)
        self.assertTrue(os.path.exists(os.path.join(elsewhere, "merged.json")))
        self.assertFalse(os.path.exists(self.path(".asynclint/facts")))
        status, out, _ = self.lint("--no-facts")
        self.assertEqual(status, 1, out)
        self.assertNotIn("'flush_journal' may block", out)
        self.assertIn("'settle' may block", out)
        self.assertFalse(os.path.exists(self.path(".asynclint/facts")))

    def test_sarif_carries_the_chain_as_a_code_flow(self):
        sarif = self.path("report.sarif")
        self.lint("--format=sarif", "-o", sarif, status=1)
        validate_sarif(self, sarif)
        with open(sarif) as f:
            results = json.load(f)["runs"][0]["results"]
        result = next(r for r in results if "'flush_journal'" in r["message"]["text"])
        flow = result["codeFlows"][0]["threadFlows"][0]["locations"]
        uris = [l["location"]["physicalLocation"]["artifactLocation"]["uri"] for l in flow]
        self.assertEqual([u.rsplit("/", 1)[-1] for u in uris],
                         ["server.cpp", "journal.cpp", "journal.cpp"])
        self.assertEqual([l["nestingLevel"] for l in flow], [0, 1, 2])
        self.assertEqual(len(result["relatedLocations"]), 3)

    @unittest.skipUnless(PLUGIN, "the plugin is not built")
    def test_the_plugin_reads_the_facts_of_a_whole_project_run(self):
        def tidy():
            return subprocess.run([CLANG_TIDY, "--load=" + PLUGIN, "--checks=-*,async-*",
                                   "-p", self.root, self.path("src/server.cpp")],
                                  capture_output=True, text=True, timeout=300).stdout
        before = tidy()
        self.assertIn("call to 'settle' may block in coroutine 'serve'", before)
        self.assertNotIn("'flush_journal' may block", before)
        self.lint(status=1)
        after = tidy()
        self.assertIn("call to 'flush_journal' may block in coroutine 'serve'", after)
        self.assertIn("journal.cpp:8:3: note: 'sync_all' reaches 'fsync' (file-io)", after)

    @unittest.skipUnless(CLANGD, "asynclint-clangd is not built")
    def test_the_editor_reads_the_facts_of_a_whole_project_run(self):
        from test_clangd import LspClient
        self.lint(status=1)
        with open(self.path(".clangd"), "w") as f:
            f.write("Diagnostics:\n  ClangTidy:\n    Add: [async-*]\n"
                    "    FastCheckFilter: None\n")
        client = LspClient([CLANGD, "--compile-commands-dir=" + self.root, "--log=error"],
                           self.root)
        self.addCleanup(client.close)
        uri = client.open_document(self.root, self.path("src/server.cpp"), SERVER_CPP)
        self.assertEqual(client.blocking_call_lines(uri), [5, 6, 7, 8])


if __name__ == "__main__":
    unittest.main()
