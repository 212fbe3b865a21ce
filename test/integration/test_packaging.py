"""asynclint installed: `cmake --install` to a prefix, and the Debian
package CPack makes; each works from where it is installed."""
import glob
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from harness import CLANG_TIDY, CLANGXX, TASK_H

BUILD_DIR = os.environ.get("ASYNCLINT_BUILD_DIR", "")

BLOCKING = TASK_H + """#include <unistd.h>
task work() {
  ::sleep(1);
  co_await tick();
}
"""


def sh(args, **kwargs):
    proc = subprocess.run(args, capture_output=True, text=True, timeout=900, **kwargs)
    if proc.returncode not in kwargs.pop("ok", (0,)):
        raise AssertionError(f"{' '.join(args)} exited {proc.returncode}\n"
                             f"{proc.stdout}\n{proc.stderr}")
    return proc


@unittest.skipUnless(BUILD_DIR, "ASYNCLINT_BUILD_DIR is not set")
class PackagingTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="asynclint-install-")
        self.addCleanup(shutil.rmtree, self.root, True)
        self.source = os.path.join(self.root, "work.cpp")
        with open(self.source, "w") as f:
            f.write(BLOCKING)
        with open(os.path.join(self.root, "compile_flags.txt"), "w") as f:
            f.write("-std=c++20\n")

    def lint_with(self, asynclint):
        proc = subprocess.run([asynclint, "--no-cache", self.source], cwd=self.root,
                              capture_output=True, text=True, timeout=600)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("blocking call to 'sleep'", proc.stdout)

    def check_tree(self, prefix):
        self.lint_with(os.path.join(prefix, "bin", "asynclint"))
        plugins = glob.glob(os.path.join(prefix, "lib*", "**", "libasynclint-tidy.so"),
                            recursive=True)
        self.assertEqual(len(plugins), 1, plugins)
        tidy = subprocess.run([CLANG_TIDY, "--load=" + plugins[0], "--checks=-*,async-*",
                               self.source, "--", "-std=c++20"],
                              capture_output=True, text=True, timeout=600)
        self.assertIn("[async-blocking-call]", tidy.stdout, tidy.stderr)
        clangd = sh([os.path.join(prefix, "bin", "asynclint-clangd"), "--version"])
        self.assertIn("clangd", clangd.stdout)

    def test_cmake_install_to_a_prefix(self):
        prefix = os.path.join(self.root, "prefix")
        sh(["cmake", "--install", BUILD_DIR, "--prefix", prefix])
        self.check_tree(prefix)

    def test_debian_package(self):
        out = os.path.join(self.root, "package")
        sh(["cpack", "-G", "DEB", "-B", out, "--config",
            os.path.join(BUILD_DIR, "CPackConfig.cmake")])
        debs = glob.glob(os.path.join(out, "*.deb"))
        self.assertEqual(len(debs), 1, debs)
        info = sh(["dpkg-deb", "--field", debs[0], "Package", "Depends"]).stdout
        self.assertIn("Package: asynclint", info)
        for dependency in ("libclang-cpp22", "libllvm22", "libclang-common-22-dev"):
            self.assertIn(dependency, info)
        contents = sh(["dpkg-deb", "--contents", debs[0]]).stdout
        for path in ("./usr/bin/asynclint\n", "./usr/bin/asynclint-clangd\n",
                     "libasynclint-tidy.so\n"):
            self.assertIn(path, contents)
        tree = os.path.join(self.root, "tree")
        sh(["dpkg-deb", "-x", debs[0], tree])
        self.check_tree(os.path.join(tree, "usr"))
        # Installed for real where that is allowed and nothing is in the way.
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "asynclint"],
                                capture_output=True, text=True).stdout
        if os.geteuid() == 0 and "installed" not in status.split():
            self.addCleanup(subprocess.run, ["dpkg", "--purge", "asynclint"],
                            capture_output=True)
            sh(["dpkg", "-i", debs[0]])
            self.lint_with("/usr/bin/asynclint")


if __name__ == "__main__":
    unittest.main()
