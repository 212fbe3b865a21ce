"""asynclint installed: `cmake --install` to a prefix, and the Debian
package CPack makes; each works from where it is installed, and the package
installs exactly the paths the documentation gives."""
import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from harness import CLANG_TIDY, CLANGD, SOURCE_DIR, TASK_H

BUILD_DIR = os.environ.get("ASYNCLINT_BUILD_DIR", "")
# What docs/editors.md tells asynclint-clangd installed outside /usr to use.
RESOURCE_DIR = "/usr/lib/llvm-22/lib/clang/22"
# An absolute path to an installed asynclint artefact, as the docs write one
# (not a URL, not a relative path such as build/tool/plugin/...).
ARTEFACT_PATH = re.compile(
    r"(?<![\w.:/-])/(?:[\w.+-]+/)*(?:asynclint|asynclint-clangd|libasynclint-tidy\.so)(?![\w.-])")
# The docs give amd64's multiarch directory.
DOCS_MULTIARCH = "x86_64-linux-gnu"

BLOCKING = TASK_H + """#include <unistd.h>
task work() {
  ::sleep(1);
  co_await tick();
}
"""


def sh(args, **kwargs):
    proc = subprocess.run(args, capture_output=True, text=True, timeout=900, **kwargs)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {proc.returncode}\n"
                             f"{proc.stdout}\n{proc.stderr}")
    return proc


def multiarch():
    return sh(["dpkg-architecture", "-qDEB_HOST_MULTIARCH"]).stdout.strip()


def cache_value(name):
    with open(os.path.join(BUILD_DIR, "CMakeCache.txt")) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            if key.split(":")[0] == name:
                return value
    raise AssertionError(f"{name} is not in {BUILD_DIR}/CMakeCache.txt")


def make_package(out):
    """The .deb CPack makes of the build directory, in \\p out."""
    sh(["cpack", "-G", "DEB", "-B", out, "--config",
        os.path.join(BUILD_DIR, "CPackConfig.cmake")])
    debs = glob.glob(os.path.join(out, "*.deb"))
    if len(debs) != 1:
        raise AssertionError(f"cpack made {debs}")
    return debs[0]


def package_files(deb):
    """The files (not directories) \\p deb installs, as absolute paths."""
    contents = sh(["dpkg-deb", "--contents", deb]).stdout
    return {line.split(None, 5)[5].split(" -> ")[0][1:]
            for line in contents.splitlines() if not line.startswith("d")}


def documented_paths():
    """{absolute path of an asynclint artefact: [documents naming it]}, over
    the README and docs/, with the host's multiarch directory."""
    found = {}
    documents = [os.path.join(SOURCE_DIR, "README.md")] + sorted(
        glob.glob(os.path.join(SOURCE_DIR, "docs", "**", "*.md"), recursive=True))
    for document in documents:
        with open(document) as f:
            for path in ARTEFACT_PATH.findall(f.read()):
                path = path.replace("/" + DOCS_MULTIARCH + "/", "/" + multiarch() + "/")
                found.setdefault(path, []).append(os.path.relpath(document, SOURCE_DIR))
    return found


class InstalledTestCase(unittest.TestCase):
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

    def tidy_with(self, plugin):
        tidy = subprocess.run([CLANG_TIDY, "--load=" + plugin, "--checks=-*,async-*",
                               self.source, "--", "-std=c++20"],
                              capture_output=True, text=True, timeout=600)
        self.assertIn("[async-blocking-call]", tidy.stdout, tidy.stderr)

    def clangd_with(self, clangd, *args):
        """Parses the coroutine source with \\p clangd, which must find every
        header (<coroutine> needs clang's <stddef.h>); the resource directory
        it used."""
        proc = subprocess.run([clangd, "--check=" + self.source, "--check-locations=false",
                               *args], cwd=self.root, capture_output=True, text=True,
                              timeout=300)
        errors = [line for line in proc.stderr.splitlines() if line.startswith("E[")]
        self.assertEqual(proc.returncode, 0, "\n".join(errors) or proc.stderr[-4000:])
        self.assertIn("All checks completed, 0 errors", proc.stderr)
        return re.search(r"-resource-dir=(\S+)", proc.stderr).group(1)

    def check_tree(self, prefix, plugin):
        """Everything under \\p prefix works; asynclint-clangd with the
        resource directory the docs give for installs outside /usr."""
        self.lint_with(os.path.join(prefix, "bin", "asynclint"))
        self.tidy_with(plugin)
        if CLANGD:
            self.clangd_with(os.path.join(prefix, "bin", "asynclint-clangd"),
                             "--resource-dir=" + RESOURCE_DIR)


@unittest.skipUnless(BUILD_DIR, "ASYNCLINT_BUILD_DIR is not set")
class CMakeInstallTest(InstalledTestCase):
    def test_cmake_install_to_a_prefix(self):
        prefix = os.path.join(self.root, "prefix")
        sh(["cmake", "--install", BUILD_DIR, "--prefix", prefix])
        plugin = os.path.join(prefix, cache_value("CMAKE_INSTALL_LIBDIR"), "libasynclint-tidy.so")
        installed = {os.path.relpath(os.path.join(d, f), prefix)
                     for d, _, files in os.walk(prefix) for f in files}
        expected = {"bin/asynclint", os.path.relpath(plugin, prefix),
                    "share/doc/asynclint/README.md"}
        if CLANGD:
            expected.add("bin/asynclint-clangd")
        self.assertEqual(installed, expected)
        self.check_tree(prefix, plugin)


@unittest.skipUnless(BUILD_DIR, "ASYNCLINT_BUILD_DIR is not set")
@unittest.skipUnless(shutil.which("dpkg-architecture"), "dpkg-dev is not installed")
class DebianPackageTest(InstalledTestCase):
    @classmethod
    def setUpClass(cls):
        cls.packages = tempfile.mkdtemp(prefix="asynclint-package-")
        cls.deb = make_package(cls.packages)
        cls.plugin = f"/usr/lib/{multiarch()}/libasynclint-tidy.so"

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.packages, True)

    def test_debian_package(self):
        info = sh(["dpkg-deb", "--field", self.deb, "Package", "Depends"]).stdout
        self.assertIn("Package: asynclint", info)
        for dependency in ("libclang-cpp22", "libllvm22", "libclang-common-22-dev"):
            self.assertIn(dependency, info)
        expected = {"/usr/bin/asynclint", self.plugin, "/usr/share/doc/asynclint/README.md"}
        if CLANGD:
            expected.add("/usr/bin/asynclint-clangd")
        self.assertEqual(package_files(self.deb), expected)
        tree = os.path.join(self.root, "tree")
        sh(["dpkg-deb", "-x", self.deb, tree])
        self.check_tree(os.path.join(tree, "usr"), tree + self.plugin)
        # Installed for real where that is allowed and nothing is in the way.
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "asynclint"],
                                capture_output=True, text=True).stdout
        if os.geteuid() == 0 and "installed" not in status.split():
            self.addCleanup(subprocess.run, ["dpkg", "--purge", "asynclint"],
                            capture_output=True)
            sh(["dpkg", "-i", self.deb])
            self.lint_with("/usr/bin/asynclint")
            self.tidy_with(self.plugin)
            if CLANGD:
                # From /usr/bin, with no flag: ../lib/clang/22 holds the
                # built-in headers.
                resource_dir = self.clangd_with("/usr/bin/asynclint-clangd")
                self.assertTrue(os.path.isfile(os.path.join(resource_dir, "include", "stddef.h")),
                                resource_dir)

    @unittest.skipUnless(CLANGD, "asynclint-clangd is not built")
    def test_documented_paths_are_the_installed_ones(self):
        installed = package_files(self.deb)
        documented = documented_paths()
        wrong = {path: documents for path, documents in documented.items()
                 if path not in installed}
        self.assertEqual(wrong, {}, "documented paths the package does not install")
        # Each installed tool is named where the docs say where it is.
        for path in ("/usr/bin/asynclint", "/usr/bin/asynclint-clangd", self.plugin):
            self.assertIn(path, documented)


if __name__ == "__main__":
    unittest.main()
