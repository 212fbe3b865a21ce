"""--changed-since=<revision>: findings on changed lines only, and only the
units a change can affect analysed; in a git repository the test makes."""
import json
import os
import re
import subprocess
import unittest

from harness import CLANGXX, ScratchTreeTestCase, TASK_H, run

HELPERS_H = """#pragma once
#include <unistd.h>
inline void nap() { ::usleep(10); }
"""

# Two blocking calls in each coroutine: one on a line the test changes,
# one on a line it leaves alone.
A_CPP = """#include "helpers.h"
#include "task.h"
task a() {
  nap();
  ::sleep(1);
  co_await tick();
}
"""

B_CPP = """#include "task.h"
#include <unistd.h>
task b() {
  ::sleep(2);
  ::usleep(3);
  co_await tick();
}
"""

UNAFFECTED = re.compile(r"(\d+) units? the change does not affect not analysed")


class ChangedLinesTest(ScratchTreeTestCase):
    prefix = "asynclint-changed-"

    def setUp(self):
        super().setUp()
        for name, text in {"include/task.h": TASK_H, "include/helpers.h": HELPERS_H,
                           "src/a.cpp": A_CPP, "src/b.cpp": B_CPP}.items():
            self.write(name, text)
        self.write(".gitignore", "build/\n")
        self.write("build/compile_commands.json", json.dumps([
            {"directory": self.root, "file": self.path("src/" + n),
             "arguments": [CLANGXX, "-std=c++20", "-I" + self.path("include"), "-c",
                           self.path("src/" + n)]} for n in ("a.cpp", "b.cpp")]))
        self.git("init", "-q")
        self.git("add", ".")
        self.git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base")

    def git(self, *args):
        subprocess.run(["git"] + list(args), cwd=self.root, check=True, capture_output=True)

    def lint(self, *args):
        status, out, err = run(["-p", "build", "--format=json"] + list(args), cwd=self.root)
        self.assertIn(status, (0, 1), err)
        findings = sorted((os.path.basename(f["file"]), f["line"])
                          for f in json.loads(out)["findings"])
        match = UNAFFECTED.search(err)
        return findings, int(match.group(1)) if match else 0, err

    def test_only_findings_on_changed_lines(self):
        self.assertEqual(self.lint()[0], [("a.cpp", 4), ("a.cpp", 5), ("b.cpp", 4), ("b.cpp", 5)])
        self.write("src/b.cpp", B_CPP.replace("::usleep(3);", "::usleep(4);"))
        findings, unaffected, err = self.lint("--changed-since=HEAD")
        # a.cpp reads nothing that changed: not analysed.
        self.assertEqual((findings, unaffected), ([("b.cpp", 5)], 1), err)

    def test_a_changed_header_brings_in_the_units_that_include_it(self):
        self.lint()
        self.write("include/helpers.h", HELPERS_H.replace("usleep(10)", "usleep(20)"))
        findings, unaffected, err = self.lint("--changed-since=HEAD")
        # The finding is at the call in a.cpp, which did not change; the
        # header's line did, but nothing is reported there.
        self.assertEqual((findings, unaffected), ([], 1), err)
        self.write("src/a.cpp", A_CPP.replace("  nap();\n", "  nap();\n  nap(); // twice\n"))
        findings, unaffected, err = self.lint("--changed-since=HEAD")
        self.assertEqual((findings, unaffected), ([("a.cpp", 5)], 1), err)

    def test_new_files_are_changed_throughout(self):
        self.lint()
        self.write("include/extra.h", "#pragma once\n#include <unistd.h>\n"
                   "inline task extra() { ::sleep(5); co_await tick(); }\n")
        self.write("src/a.cpp", A_CPP.replace('#include "task.h"\n',
                                              '#include "task.h"\n#include "extra.h"\n'))
        findings, unaffected, err = self.lint("--changed-since=HEAD")
        self.assertEqual((findings, unaffected), ([("extra.h", 3)], 1), err)

    def test_since_an_older_commit(self):
        self.write("src/b.cpp", B_CPP.replace("::sleep(2);", "::sleep(7);"))
        self.git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "next")
        findings, _, _ = self.lint("--changed-since=HEAD~1")
        self.assertEqual(findings, [("b.cpp", 4)])
        findings, _, _ = self.lint("--changed-since=HEAD")
        self.assertEqual(findings, [])

    def test_what_git_cannot_answer_is_a_usage_error(self):
        for args, message in ((["--changed-since=no-such-revision"], "--changed-since: git diff"),
                              (["--changed-since=HEAD", "--line-filter=[]"], "cannot be combined")):
            status, _, err = run(["-p", "build"] + args, cwd=self.root)
            self.assertEqual(status, 2, err)
            self.assertIn(message, err)
        outside = self.path("build")
        os.remove(self.path(".gitignore"))
        subprocess.run(["rm", "-rf", self.path(".git")], check=True)
        status, _, err = run(["-p", outside, "--changed-since=HEAD"], cwd=outside)
        self.assertEqual(status, 2, err)
        self.assertIn("--changed-since: git rev-parse failed", err)


if __name__ == "__main__":
    unittest.main()
