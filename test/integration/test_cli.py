"""The command line on a small multi-file project: findings, exit statuses,
suppressions, configuration, parallelism, fixes and baselines."""
import json
import os
import pty
import re
import shutil
import subprocess
import unittest

from harness import ASYNCLINT, ProjectTestCase, run, validate_sarif



TOTALS = """#include <coroutine>
#include <exception>
template <typename T> struct job {
  struct promise_type {
    job get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() { std::terminate(); }
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() { return T{}; }
};
job<int> fetch_quota(int region);
job<int> fetch_limit(int region);
job<int> total(int r) {
  int q = co_await fetch_quota(r);
  int l = co_await fetch_limit(r);
  co_return q + l;
}
"""

class CommandLineTest(ProjectTestCase):
    def lint(self, *args, status=None):
        return run(["-p", self.project.root] + list(args), cwd=self.project.root,
                   check_status=status)

    def test_reports_findings_with_exit_status_1(self):
        _, out, err = self.lint(status=1)
        self.assertIn("src/server.cpp:10:", out)
        self.assertIn("blocking call to 'std::ifstream::ifstream' (file-io)", out)
        self.assertIn("'std::getline' (file-io)", out)
        self.assertIn("src/server.cpp:17:", out)
        self.assertIn("[async-blocking-call]", out)
        self.assertIn("3 findings in 3 translation units", err)

    def test_text_shows_source_line_and_caret(self):
        _, out, _ = self.lint(status=1)
        lines = out.splitlines()
        i = next(n for n, l in enumerate(lines) if "server.cpp:17:3" in l)
        self.assertIn("std::this_thread::sleep_for", lines[i + 1])
        self.assertRegex(lines[i + 2], r"\|\s+\^~+")

    def test_test_code_is_counted_not_shown(self):
        os.makedirs(self.project.path("tests"))
        shutil.copy(self.project.path("src/server.cpp"),
                    self.project.path("tests/server_copy.cpp"))
        self.project.write_database(["src/clean.cpp", "tests/server_copy.cpp"])
        status, out, err = self.lint(status=0)
        self.assertEqual(out, "")
        self.assertRegex(err, r"; [1-9][0-9]* findings? in test code not shown "
                              r"\(option ReportTestCode shows them\)")
        # Set once, for every rule.
        _, out, err = self.lint("--config={CheckOptions: {ReportTestCode: true}}",
                                status=1)
        self.assertIn("tests/server_copy.cpp:10:", out)
        self.assertNotIn("in test code", err)
        # A project's own layout.
        _, out, _ = self.lint("--config={CheckOptions: {TestFilePattern: '(^|/)qa/'}}",
                              status=1)
        self.assertIn("tests/server_copy.cpp:10:", out)

    def test_file_listed_twice_is_reported_once(self):
        self.project.write_database(["src/server.cpp"])
        with open(self.project.path("compile_commands.json")) as f:
            entries = json.load(f)
        twin = dict(entries[0])
        twin["arguments"] = twin["arguments"][:-2] + ["-DSECOND_BUILD", "-c", entries[0]["file"]]
        with open(self.project.path("compile_commands.json"), "w") as f:
            json.dump(entries + [twin], f)
        _, out, _ = self.lint("--format=json", status=1)
        places = [(r["file"], r["line"], r["column"], r["rule"])
                  for r in json.loads(out)["findings"]]
        self.assertEqual(len(places), len(set(places)))

    def test_files_the_database_does_not_list_take_a_neighbours_command(self):
        # A new source file, and a header analysed on its own: their commands
        # are inferred from the closest listed file.
        shutil.copy(self.project.path("src/server.cpp"),
                    self.project.path("src/server_copy.cpp"))
        status, out, err = self.lint("src/server_copy.cpp", status=1)
        self.assertIn("src/server_copy.cpp:17:", out)
        self.assertNotIn("analysis incomplete", err)
        header = self.project.path("include/inline.h")
        with open(header, "w") as f:
            f.write("#pragma once\n#include \"task.h\"\n#include <unistd.h>\n"
                    "namespace demo { inline task<> in_header() { ::sleep(1); co_await yield(); } }\n")
        _, out, err = self.lint("include/inline.h", status=1)
        self.assertIn("include/inline.h:4:", out)
        self.assertNotIn("no such file", err)

    def test_clean_file_exits_0(self):
        status, out, _ = self.lint("src/clean.cpp", status=0)
        self.assertEqual(out, "")

    def test_nolint_comments_are_honoured(self):
        _, out, _ = self.lint("src/server.cpp", status=1)
        for line in (22, 24, 26):
            self.assertNotIn(f"server.cpp:{line}:", out)

    def test_clang_tidy_file_disables_check_below_it(self):
        status, out, _ = self.lint("legacy/old.cpp", status=0)
        self.assertEqual(out, "")

    def test_project_clang_tidy_written_for_clang_tidy_keeps_async_checks(self):
        with open(self.project.path(".clang-tidy"), "w") as f:
            f.write("Checks: '-*,bugprone-*'\n")
        _, out, _ = self.lint("src/server.cpp", status=1)
        self.assertIn("[async-blocking-call]", out)
        self.assertNotIn("[bugprone-", out)
        with open(self.project.path(".clang-tidy"), "w") as f:
            f.write("Checks: '-*,bugprone-*,-async-*'\n")
        status, out, _ = self.lint("src/server.cpp", status=0)
        self.assertEqual(out, "")

    def test_exit_policy_warnings_as_errors_and_exit_zero(self):
        # Findings exit 1; --exit-zero lets warnings pass.
        _, out, _ = self.lint("src/server.cpp", "--exit-zero", status=0)
        self.assertIn("warning: blocking call", out)
        # Promoted to errors on the command line: they fail the run anyway.
        _, out, _ = self.lint("src/server.cpp", "--warnings-as-errors=async-blocking-*",
                              "--exit-zero", status=1)
        self.assertIn("error: blocking call", out)
        self.assertNotIn("warning: blocking call", out)
        _, out, _ = self.lint("src/server.cpp", "--warnings-as-errors=async-blocking-*",
                              "--format=sarif", status=1)
        levels = {r["ruleId"]: r["level"] for r in json.loads(out)["runs"][0]["results"]}
        self.assertEqual(levels.get("async-blocking-call"), "error")
        # ... or in .clang-tidy, as clang-tidy reads it.
        with open(self.project.path(".clang-tidy"), "w") as f:
            f.write("WarningsAsErrors: 'async-*'\n")
        _, out, _ = self.lint("src/server.cpp", "--exit-zero", status=1)
        self.assertIn("error: blocking call", out)
        # Exit 3 stays 3.
        self.lint("src/server.cpp", "src/nope.cpp", "--exit-zero", status=3)

    def test_config_option_counts_in_full(self):
        _, out, _ = self.lint("--config={Checks: '-*,async-unawaited-task'}",
                              "src/server.cpp", status=0)
        self.assertEqual(out, "")

    def test_check_options_from_command_line_config(self):
        config = "{CheckOptions: {async-blocking-call.IgnoredCategories: 'file-io'}}"
        _, out, _ = self.lint("--config=" + config, "src/server.cpp", status=1)
        self.assertNotIn("file-io", out)
        self.assertIn("(sleep)", out)

    def test_config_file_option(self):
        path = self.project.path("strict.yaml")
        with open(path, "w") as f:
            f.write("Checks: '-*,async-blocking-call'\n"
                    "CheckOptions:\n  async-blocking-call.IgnoredCategories: 'sleep'\n")
        _, out, _ = self.lint("--config-file=" + path, "src/server.cpp", status=1)
        self.assertNotIn("(sleep)", out)
        self.assertIn("(file-io)", out)

    def test_checks_glob_can_disable_everything(self):
        status, out, err = self.lint("--checks=-*", "src/server.cpp", status=0)
        self.assertEqual(out, "")
        # Said, so that an empty report does not pass for a clean one.
        self.assertIn("no checks are enabled: --checks='-*' turns every check off", err)
        _, _, err = self.lint("--checks=-*,async-blocking-call", "src/server.cpp", status=1)
        self.assertNotIn("no checks are enabled", err)

    def test_other_clang_tidy_checks_run_only_when_asked(self):
        _, out, _ = self.lint("src/server.cpp", status=1)
        self.assertNotIn("modernize-use-nullptr", out)
        _, out, _ = self.lint("--checks=-*,modernize-use-nullptr", "src/server.cpp", status=1)
        self.assertIn("[modernize-use-nullptr]", out)

    def test_parallel_runs_give_identical_reports(self):
        for fmt in ("text", "sarif", "json", "github", "codequality"):
            _, one, _ = self.lint("-j1", "--format=" + fmt)
            _, two, _ = self.lint("-j2", "--format=" + fmt)
            self.assertEqual(one, two, fmt)

    def test_fix_and_export_fixes(self):
        fixes = self.project.path("fixes.yaml")
        self.lint("--checks=-*,modernize-use-nullptr", "--export-fixes=" + fixes,
                  "src/server.cpp", status=1)
        with open(fixes) as f:
            text = f.read()
        self.assertIn("DiagnosticName:  modernize-use-nullptr", text)
        self.assertIn("ReplacementText: nullptr", text)
        # Everything fixed: nothing remains, exit 0.
        self.lint("--checks=-*,modernize-use-nullptr", "--fix", "src/server.cpp", status=0)
        with open(self.project.path("src/server.cpp")) as f:
            self.assertIn("return nullptr;", f.read())
        self.lint("--checks=-*,modernize-use-nullptr", "src/server.cpp", status=0)

    def test_baseline_hides_known_findings(self):
        baseline = self.project.path("baseline.sarif")
        self.lint("--format=sarif", "-o", baseline, status=1)
        validate_sarif(self, baseline)
        status, out, _ = self.lint("--baseline=" + baseline, status=0)
        self.assertEqual(out, "")
        # A new finding is still reported.
        with open(self.project.path("src/clean.cpp"), "a") as f:
            f.write("namespace demo { task<> nap() { std::this_thread::sleep_for("
                    "std::chrono::seconds(1)); co_await yield(); } }\n")
        _, out, _ = self.lint("--baseline=" + baseline, status=1)
        self.assertIn("clean.cpp:13:", out)
        self.assertEqual(out.count("warning:"), 1)

    def test_baseline_survives_reworded_messages(self):
        baseline = self.project.path("baseline.sarif")
        self.lint("src/server.cpp", "--format=sarif", "-o", baseline, status=1)
        with open(baseline) as f:
            sarif = json.load(f)
        # Another wording of every message: the fingerprints do not change.
        for r in sarif["runs"][0]["results"]:
            r["message"]["text"] = "reworded: " + r["message"]["text"]
        with open(baseline, "w") as f:
            json.dump(sarif, f)
        self.lint("src/server.cpp", "--baseline=" + baseline, status=0)

    def test_without_sources_analyses_the_whole_database(self):
        _, out, err = self.lint(status=1)
        self.assertIn("3 translation units", err)

    def test_assembly_sources_in_the_database_are_skipped(self):
        with open(self.project.path("src/switch.S"), "w") as f:
            f.write(".text\n.globl swap_context\nswap_context:\n  ret\n")
        self.project.write_database(["src/server.cpp", "src/switch.S"])
        _, out, err = self.lint(status=1)
        self.assertIn("1 translation unit", err)
        self.assertNotIn("switch.S", out + err)

    def test_compiler_arguments_after_double_dash(self):
        status, out, _ = run(["src/server.cpp", "--", "-std=c++20",
                              "-I" + self.project.path("include")],
                             cwd=self.project.root, check_status=1)
        self.assertIn("(sleep)", out)

    def test_database_found_upward_from_source(self):
        _, out, _ = run([self.project.path("src/server.cpp")], cwd="/", check_status=1)
        self.assertIn("(sleep)", out)

    def test_list_checks_explain_version_list_apis(self):
        _, out, _ = run(["--list-checks"], cwd=self.project.root, check_status=0)
        self.assertIn("async-blocking-call", out)
        _, out, _ = run(["--explain=async-blocking-call"], cwd=self.project.root,
                        check_status=0)
        self.assertIn("# async-blocking-call", out)
        _, out, _ = run(["--version"], cwd=self.project.root, check_status=0)
        self.assertIn("asynclint", out)
        _, out, _ = run(["--list-apis"], cwd=self.project.root, check_status=0)
        self.assertIn("std::this_thread::sleep_for", out)
        self.assertIn("asio::io_context::run", out)
        self.assertIn("coro::thread_pool::schedule", out)

    def test_list_apis_filters_by_framework_and_role(self):
        _, out, _ = run(["--list-apis", "--framework=folly,seastar",
                         "--role=combinator,deadline"], cwd=self.project.root, check_status=0)
        lines = out.splitlines()
        self.assertEqual([l for l in lines if not l.startswith("  ")],
                         ["folly::coro [folly]", "Seastar [seastar]"])
        entries = [l.split() for l in lines if l.startswith("  ")]
        self.assertTrue(entries)
        self.assertEqual({e[0] for e in entries}, {"combinator", "deadline"})
        # Every entry ends with the header it comes from.
        self.assertTrue(all(e[-1].startswith("<") and e[-1].endswith(">") for e in entries))
        self.assertIn(["deadline", "folly::coro::timeout", "<folly/coro/Timeout.h>"], entries)
        self.assertIn(["combinator", "seastar::when_all", "<seastar/core/when_all.hh>"], entries)
        _, out, _ = run(["--list-apis", "--role=cancellation", "--framework=cppcoro"],
                        cwd=self.project.root, check_status=0)
        self.assertIn("cppcoro::operation_cancelled", out)
        self.assertIn("<cppcoro/operation_cancelled.hpp>", out)
        _, out, _ = run(["--list-apis", "--role=dedicated-executor"],
                        cwd=self.project.root, check_status=0)
        self.assertEqual([l.split() for l in out.splitlines()],
                         [["concurrencpp", "[concurrencpp]"],
                          ["dedicated-executor", "concurrencpp::thread_executor"],
                          ["dedicated-executor", "concurrencpp::worker_thread_executor"]])
        _, out, _ = run(["--list-apis", "--role=error-value", "--framework=libcoro"],
                        cwd=self.project.root, check_status=0)
        self.assertIn(["error-value", "coro::net::io_status"], [l.split() for l in out.splitlines()])
        _, out, _ = run(["--list-apis", "--role=logging"], cwd=self.project.root, check_status=0)
        entries = [l.split() for l in out.splitlines()]
        self.assertIn(["logging", "spdlog"], entries)
        self.assertIn(["logging", "easylog"], entries)
        _, out, _ = run(["--list-apis", "--role=external-wait", "--framework=boost-beast"],
                        cwd=self.project.root, check_status=0)
        self.assertIn("boost::beast::http::async_read", out)
        self.assertNotIn("blocking", out)
        _, out, _ = run(["--list-apis", "--role=launcher", "--framework=libcoro"],
                        cwd=self.project.root, check_status=0)
        entries = [l.split() for l in out.splitlines() if l.startswith("  ")]
        self.assertIn(["launcher", "detached", "coro::thread_pool::spawn_detached",
                       "<coro/thread_pool.hpp>"], entries)
        self.assertIn(["launcher", "awaitable", "coro::thread_pool::spawn_joinable",
                       "<coro/thread_pool.hpp>"], entries)
        self.assertIn(["launcher", "task", "coro::scheduler::schedule", "<coro/scheduler.hpp>"],
                      entries)
        # Unknown names are usage errors that list what is known.
        _, _, err = run(["--list-apis", "--framework=tokio"], cwd=self.project.root,
                        check_status=2)
        self.assertIn("unknown framework 'tokio'", err)
        self.assertIn("asio", err)
        _, _, err = run(["--list-apis", "--role=sleepers"], cwd=self.project.root,
                        check_status=2)
        self.assertIn("unknown role 'sleepers'", err)

    def test_text_report_reads_like_clangs(self):
        with open(self.project.path("src/totals.cpp"), "w") as f:
            f.write(TOTALS)
        self.project.write_database(["src/totals.cpp", "src/server.cpp"])
        status, out, err = self.lint("--checks=-*,async-*,modernize-use-nullptr", status=1)
        lines = out.split("\n")
        # A note shows its line and caret too.
        note = next(i for i, l in enumerate(lines) if "note: independent await of 'fetch_limit'" in l)
        self.assertEqual(lines[note + 1], " 19 |   int l = co_await fetch_limit(r);")
        self.assertEqual(lines[note + 2], "    | " + " " * 10 + "^")
        # A fix-it is printed under the caret, where it goes.
        fix = next(i for i, l in enumerate(lines) if "[modernize-use-nullptr]" in l)
        self.assertEqual(lines[fix + 1], " 31 | int *legacy_pointer() { return NULL; }")
        self.assertEqual(lines[fix + 2], "    | " + " " * 31 + "^")
        self.assertEqual(lines[fix + 3], "    | " + " " * 31 + "nullptr")
        self.assertIn("asynclint: 5 findings in 2 translation units (1 fixable with --fix); "
                      "3 suppressed by NOLINT\n", err)

    def test_fix_counts_what_remains(self):
        status, _, err = self.lint("--checks=-*,modernize-use-nullptr", "--fix", "src/server.cpp",
                                   status=0)
        self.assertIn("asynclint: 1 finding in 1 translation unit (1 fixed)", err)
        with open(self.project.path("src/server.cpp")) as f:
            self.assertIn("return nullptr;", f.read())
        self.lint("--checks=-*,async-*,modernize-use-nullptr", "--fix", "src/server.cpp",
                  status=1)

    def test_progress_and_baseline_counts(self):
        _, _, err = self.lint("--progress", "-j1", "src/server.cpp", "src/clean.cpp", status=1)
        self.assertRegex(err, r"\[1/2\] \d+ findings? so far, about \d+:\d\d left: src/\w+\.cpp\n")
        self.assertRegex(err, r"\[2/2\] [1-9]\d* findings so far: src/\w+\.cpp\n")
        # Not a terminal, no --progress: nothing but the summary.
        _, _, err = self.lint("--no-cache", "-j1", "src/server.cpp", status=1)
        self.assertNotIn("so far", err)
        baseline = self.project.path("baseline.sarif")
        self.lint("--format=sarif", "-o", baseline, "src/server.cpp", status=1)
        _, _, err = self.lint("--baseline=" + baseline, "src/server.cpp", status=0)
        self.assertIn("; 3 hidden by the baseline", err)

    def test_a_terminal_gets_one_progress_line(self):
        parent, child = pty.openpty()
        self.addCleanup(os.close, parent)
        proc = subprocess.run([ASYNCLINT, "-j1", "src/server.cpp", "src/clean.cpp"],
                              cwd=self.project.root, stdout=subprocess.PIPE, stderr=child,
                              timeout=600)
        os.close(child)
        err = b""
        while True:
            try:
                chunk = os.read(parent, 65536)
            except OSError:
                break
            if not chunk:
                break
            err += chunk
        text = err.decode()
        self.assertEqual(proc.returncode, 1, text)
        self.assertIn("\r\x1b[Kasynclint: [1/2] ", text)
        self.assertIn("\r\x1b[Kasynclint: [2/2] ", text)
        # Cleared before the summary, which stands alone.
        self.assertRegex(text, r"\r\x1b\[Kasynclint: \d+ findings in 2 translation units")

    def test_compile_flags_txt(self):
        # No compile_commands.json: the flags of compile_flags.txt, found
        # upward from the source as clangd and clang-tidy find it.
        os.remove(self.project.path("compile_commands.json"))
        with open(self.project.path("compile_flags.txt"), "w") as f:
            f.write("-std=c++20\n-Iinclude\n")
        _, out, _ = run(["server.cpp"], cwd=self.project.path("src"), check_status=1)
        self.assertIn("server.cpp:17:", out)
        _, _, err = run(["src/server.cpp", "--", "-std=c++20", "--no-such-flag"],
                        cwd=self.project.root, check_status=2)
        self.assertIn("invalid compiler arguments after '--'", err)

    def test_header_filter(self):
        header = self.project.path("include/inline.h")
        with open(header, "w") as f:
            f.write("#pragma once\n#include \"task.h\"\n#include <unistd.h>\n"
                    "namespace demo { inline task<> in_header() { ::sleep(1); co_await yield(); } }\n")
        for source in ("src/clean.cpp", "src/server.cpp"):
            with open(self.project.path(source), "a") as f:
                f.write('#include "inline.h"\n')
        # As clang-tidy-22: findings in the project's headers by default.
        _, out, _ = self.lint("src/clean.cpp", status=1)
        self.assertIn("include/inline.h:4:", out)
        # Included by two units, reported once.
        _, out, _ = self.lint("src/clean.cpp", "src/server.cpp", status=1)
        self.assertEqual(len(re.findall(r"include/inline\.h:4:\d+: warning:", out)), 1)
        status, out, _ = self.lint("--exclude-header-filter=inline", "src/clean.cpp")
        self.assertNotIn("inline.h", out)
        self.assertEqual(status, 0)
        _, out, _ = self.lint("--header-filter=^$", "src/clean.cpp", status=0)
        self.assertNotIn("inline.h", out)
        _, out, _ = self.lint("--header-filter=include/", "src/clean.cpp", status=1)
        self.assertIn("include/inline.h:4:", out)
        # The configuration file's keys, as clang-tidy reads them.
        with open(self.project.path(".clang-tidy"), "w") as f:
            f.write("HeaderFilterRegex: ''\n")
        _, out, _ = self.lint("src/clean.cpp", status=0)
        self.assertNotIn("inline.h", out)
        with open(self.project.path(".clang-tidy"), "w") as f:
            f.write("ExcludeHeaderFilterRegex: 'inline\\.h'\n")
        _, out, _ = self.lint("src/clean.cpp", status=0)
        self.assertNotIn("inline.h", out)
        # A header under -isystem is a system header: never reported.
        os.remove(self.project.path(".clang-tidy"))
        _, out, _ = self.lint("src/clean.cpp", "--", "-std=c++20", "-isystem",
                              self.project.path("include"), status=0)
        self.assertNotIn("inline.h", out)

if __name__ == "__main__":
    unittest.main()
