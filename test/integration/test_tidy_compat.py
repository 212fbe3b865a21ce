"""Drop-in for clang-tidy users: clang-tidy's options with clang-tidy's
meanings, its wrapper scripts, and configuration errors said as it says them."""
import json
import os
import subprocess
import unittest

from harness import ASYNCLINT, ProjectTestCase, run

RUN_CLANG_TIDY = os.environ.get("RUN_CLANG_TIDY", "run-clang-tidy-22")
CLANG_TIDY_DIFF = os.environ.get("CLANG_TIDY_DIFF", "clang-tidy-diff-22.py")

FLAGGED = """#include "task.h"
#include <thread>
namespace demo {
task<> flagged() {
#ifdef SLOW_PATH
  std::this_thread::sleep_for(std::chrono::seconds(1));
#endif
  co_await yield();
}
}
"""


class TidyCompatTest(ProjectTestCase):
    def lint(self, *args, status=None, env=None):
        return run(["-p", self.project.root] + list(args), cwd=self.project.root,
                   check_status=status, env=env)

    def script(self, args, stdin=None):
        proc = subprocess.run(args, cwd=self.project.root, input=stdin, capture_output=True,
                              text=True, timeout=600)
        return proc.returncode, proc.stdout, proc.stderr

    def test_run_clang_tidy_drives_asynclint(self):
        fixes = self.project.path("fixes") + os.sep
        status, out, err = self.script(
            [RUN_CLANG_TIDY, "-clang-tidy-binary", ASYNCLINT, "-p", self.project.root,
             "-quiet", "-header-filter=.*", "-extra-arg=-DUNUSED_FLAG",
             "-extra-arg-before=-DUNUSED_TOO", "-export-fixes", fixes, "server.cpp"])
        self.assertIn("src/server.cpp:17:3: warning: blocking call to "
                      "'std::this_thread::sleep_for'", out, err)
        self.assertNotIn("clean.cpp", out)
        self.assertNotIn("error", err)
        # Findings exit 1 (asynclint's exit policy), which the script passes on.
        self.assertEqual(status, 1, out + err)
        self.assertTrue(os.listdir(fixes))

    def test_clang_tidy_diff_reports_only_changed_lines(self):
        diff = ("--- a/src/server.cpp\n+++ b/src/server.cpp\n"
                "@@ -17,0 +17,1 @@\n+  std::this_thread::sleep_for(std::chrono::milliseconds(20));\n")
        status, out, err = self.script(
            [CLANG_TIDY_DIFF, "-clang-tidy-binary", ASYNCLINT, "-p1", "-path",
             self.project.root, "-quiet"], stdin=diff)
        self.assertIn("src/server.cpp:17:3: warning", out, err)
        self.assertNotIn("server.cpp:10:", out)
        self.assertEqual(status, 1, out + err)

    def test_line_filter(self):
        only_17 = json.dumps([{"name": "src/server.cpp", "lines": [[17, 17]]}])
        _, out, _ = self.lint("--line-filter=" + only_17, "src/server.cpp", status=1)
        self.assertIn("server.cpp:17:", out)
        self.assertNotIn("server.cpp:10:", out)
        # A file that is not listed gets no findings.
        other = json.dumps([{"name": "other.cpp"}])
        _, out, _ = self.lint("--line-filter=" + other, "src/server.cpp", status=0)
        self.assertEqual(out, "")
        _, _, err = self.lint("--line-filter=[{\"name\"", "src/server.cpp", status=2)
        self.assertIn("invalid --line-filter", err)
        self.assertNotIn("YAML", err)
        _, _, err = self.lint("--line-filter={\"name\": 1}", "src/server.cpp", status=2)
        self.assertIn('expected [{"name": file, "lines": [[first, last], ...]}, ...]', err)

    def test_extra_and_removed_arguments(self):
        with open(self.project.path("src/flagged.cpp"), "w") as f:
            f.write(FLAGGED)
        self.project.write_database(["src/flagged.cpp"])
        _, out, _ = self.lint("src/flagged.cpp", status=0)
        _, out, _ = self.lint("--extra-arg=-DSLOW_PATH", "src/flagged.cpp", status=1)
        self.assertIn("flagged.cpp:6:", out)
        _, out, _ = self.lint("--extra-arg-before=-DSLOW_PATH", "src/flagged.cpp", status=1)
        self.assertIn("flagged.cpp:6:", out)
        with open(self.project.path("compile_commands.json")) as f:
            entries = json.load(f)
        entries[0]["arguments"].insert(1, "-DSLOW_PATH")
        with open(self.project.path("compile_commands.json"), "w") as f:
            json.dump(entries, f)
        self.lint("src/flagged.cpp", status=1)
        self.lint("--removed-arg=-DSLOW_PATH", "src/flagged.cpp", status=0)

    def test_quiet_and_colour(self):
        _, _, err = self.lint("src/server.cpp", status=1)
        self.assertRegex(err, r"^asynclint: \d+ findings in 1 translation unit[^\n]*\n$")
        _, _, err = self.lint("--quiet", "src/server.cpp", status=1)
        self.assertEqual(err, "")
        _, out, _ = self.lint("src/server.cpp", status=1)
        self.assertNotIn("\x1b[", out)
        _, out, _ = self.lint("--use-color", "src/server.cpp", status=1)
        self.assertIn("\x1b[", out)
        forced = dict(os.environ, FORCE_COLOR="1")
        _, out, _ = self.lint("src/server.cpp", status=1, env=forced)
        self.assertIn("\x1b[", out)
        _, out, _ = self.lint("--use-color=false", "src/server.cpp", status=1, env=forced)
        self.assertNotIn("\x1b[", out)
        _, out, _ = self.lint("--use-color", "--format=json", "src/server.cpp", status=1)
        self.assertNotIn("\x1b[", out)
        plain = dict(os.environ, NO_COLOR="1", FORCE_COLOR="1")
        _, out, _ = self.lint("src/server.cpp", status=1, env=plain)
        self.assertNotIn("\x1b[", out)

    def test_dump_config(self):
        _, out, _ = self.lint("--dump-config", "src/server.cpp", status=0)
        self.assertIn("Checks:          '-*,async-blocking-call,", out)
        self.assertIn("HeaderFilterRegex: '.*'", out)
        self.assertIn("async-sequential-await.MinimumRun: '2'", out)
        self.assertNotIn("MarkHidden", out)
        _, out, _ = self.lint("--dump-config", "--checks=-*,async-blocking-call",
                              "--config={CheckOptions: {async-blocking-call.IgnoredCategories: sleep}}",
                              status=0)
        self.assertIn("Checks:          '-*,async-blocking-call'", out)
        self.assertIn("async-blocking-call.IgnoredCategories: sleep", out)
        self.assertNotIn("async-sequential-await", out)

    def test_verify_config(self):
        _, out, _ = self.lint("--verify-config", status=0)
        self.assertIn("No config errors detected.", out)
        with open(self.project.path(".clang-tidy"), "w") as f:
            f.write("CheckOptions:\n  async-blocking-call.IgnoredCategory: sleep\n")
        _, _, err = self.lint("--verify-config", "src/server.cpp", status=2)
        self.assertIn("error: unknown option 'async-blocking-call.IgnoredCategory' in "
                      + self.project.path(".clang-tidy"), err)
        self.assertIn("did you mean 'async-blocking-call.IgnoredCategories'?", err)
        # A misspelt check name in the key: the option would never be read.
        with open(self.project.path(".clang-tidy"), "w") as f:
            f.write("CheckOptions:\n  async-blockng-call.IgnoredCategories: sleep\n")
        _, _, err = self.lint("--verify-config", "src/server.cpp", status=2)
        self.assertIn("error: unknown check 'async-blockng-call' in option "
                      "'async-blockng-call.IgnoredCategories' in " + self.project.path(".clang-tidy")
                      + "; did you mean 'async-blocking-call'?", err)
        _, _, err = self.lint("src/server.cpp", status=1)
        self.assertIn("warning: unknown check 'async-blockng-call'", err)
        # An enabled analyzer checker has no options of that spelling; its
        # configuration ('package.Checker:Option') goes to the analyzer.
        analyzer = ["--checks=-*,async-*,clang-analyzer-optin.*", "src/server.cpp"]
        with open(self.project.path(".clang-tidy"), "w") as f:
            f.write("CheckOptions:\n"
                    "  clang-analyzer-optin.cplusplus.UninitializedObject.Pedantic: true\n")
        _, _, err = self.lint("--verify-config", *analyzer, status=2)
        self.assertIn("error: unknown option "
                      "'clang-analyzer-optin.cplusplus.UninitializedObject.Pedantic'", err)
        with open(self.project.path(".clang-tidy"), "w") as f:
            f.write("CheckOptions:\n"
                    "  clang-analyzer-optin.cplusplus.UninitializedObject:Pedantic: true\n")
        _, out, _ = self.lint("--verify-config", *analyzer, status=0)
        self.assertIn("No config errors detected.", out)
        with open(self.project.path(".clang-tidy"), "w") as f:
            f.write("CheckOptions:\n  async-blocking-call.IgnoredCategory: sleep\n")
        # Outside --verify-config the same is a warning, and the run goes on.
        _, out, err = self.lint("src/server.cpp", status=1)
        self.assertIn("warning: unknown option 'async-blocking-call.IgnoredCategory'", err)
        self.assertIn("server.cpp:17:", out)

    def test_check_globs_that_match_nothing(self):
        _, out, err = self.lint("--checks=-*,async-blokcing-call", "src/server.cpp", status=0)
        self.assertIn("warning: check glob 'async-blokcing-call' in --checks matches no check; "
                      "did you mean 'async-blocking-call'?", err)
        self.assertIn("no checks are enabled", err)
        _, _, err = self.lint("--checks=-*,async-blokcing-call", "--allow-no-checks",
                              "src/server.cpp", status=0)
        self.assertNotIn("no checks are enabled", err)
        self.lint("--verify-config", "--checks=-*,async-blokcing-call", status=2)

    def test_malformed_clang_tidy_file(self):
        with open(self.project.path(".clang-tidy"), "w") as f:
            f.write("Checks: '-*,async-*'\nCheckOptions:\n  - key: [unclosed\n")
        _, out, err = self.lint("src/server.cpp", status=2)
        self.assertIn("invalid configuration in " + self.project.path(".clang-tidy") + ":3:", err)
        self.assertEqual(out, "")

    def test_unmatched_nolintbegin_is_a_finding(self):
        with open(self.project.path("src/nolint.cpp"), "w") as f:
            f.write('#include "task.h"\n#include <unistd.h>\nnamespace demo {\n'
                    "// NOLINTBEGIN(async-blocking-call)\n"
                    "task<> f() { ::sleep(1); co_await yield(); }\n}\n")
        _, out, err = self.lint("src/nolint.cpp", status=1)
        self.assertIn("src/nolint.cpp:4:4: error: unmatched 'NOLINTBEGIN' comment without a "
                      "subsequent 'NOLINTEND' comment [clang-tidy-nolint]", out)
        self.assertNotIn("analysis incomplete", out + err)


if __name__ == "__main__":
    unittest.main()
