"""The repository's pre-commit hook definition, run by pre-commit itself."""
import json
import os
import shutil
import subprocess
import unittest

from harness import ASYNCLINT, CLANGXX, SOURCE_DIR, ScratchTreeTestCase, TASK_H

BLOCKING = TASK_H + """#include <unistd.h>
task work() {
  ::sleep(1);
  co_await tick();
}
"""

CLEAN = TASK_H + """task rest() {
  co_await tick();
}
"""


@unittest.skipUnless(shutil.which("pre-commit"), "pre-commit is not installed")
class PreCommitTest(ScratchTreeTestCase):
    prefix = "asynclint-precommit-"

    def setUp(self):
        super().setUp()
        self.write("src/work.cpp", BLOCKING)
        self.write("src/rest.cpp", CLEAN)
        self.write("build/compile_commands.json", json.dumps([
            {"directory": self.root, "file": self.path("src/" + n),
             "arguments": [CLANGXX, "-std=c++20", "-c", self.path("src/" + n)]}
            for n in ("work.cpp", "rest.cpp")]))
        subprocess.run(["git", "init", "-q"], cwd=self.root, check=True)
        subprocess.run(["git", "add", "src"], cwd=self.root, check=True)

    def hook(self, *files):
        env = dict(os.environ, PRE_COMMIT_HOME=self.path(".pre-commit-home"),
                   PATH=os.path.dirname(os.path.abspath(ASYNCLINT)) + os.pathsep +
                   os.environ.get("PATH", ""))
        return subprocess.run(["pre-commit", "try-repo", SOURCE_DIR, "asynclint", "--files"] +
                              list(files), cwd=self.root, env=env, capture_output=True,
                              text=True, timeout=600)

    def test_the_hook_definition_is_valid(self):
        proc = subprocess.run(["pre-commit", "validate-manifest",
                               os.path.join(SOURCE_DIR, ".pre-commit-hooks.yaml")],
                              capture_output=True, text=True, timeout=600)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)

    def test_the_hook_fails_on_findings_and_passes_clean_code(self):
        found = self.hook("src/work.cpp")
        self.assertEqual(found.returncode, 1, found.stdout + found.stderr)
        self.assertIn("blocking call to 'sleep'", found.stdout)
        clean = self.hook("src/rest.cpp")
        self.assertEqual(clean.returncode, 0, clean.stdout + clean.stderr)
        self.assertRegex(clean.stdout, r"asynclint\.+Passed")


if __name__ == "__main__":
    unittest.main()
