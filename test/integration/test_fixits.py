"""Fix-its of async-sequential-await: applied with --fix, carried as SARIF
fixes, and the fixed code compiles against the real asio headers."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from harness import CLANGXX, HERE, run, validate_sarif

ASIO_FLAGS = ["-std=c++20", "-DASIO_HAS_CO_AWAIT", "-DASIO_HAS_STD_COROUTINE"]
CHECKS = "--checks=-*,async-sequential-await"


class SequentialAwaitFixits(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="asynclint-fix-")
        for name in ("asio_operators.cpp", "asio_qualified.cpp", "boost_operators.cpp"):
            shutil.copy(os.path.join(HERE, "fixits", name), self.dir)

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def compiles(self, name):
        proc = subprocess.run([CLANGXX, *ASIO_FLAGS, "-fsyntax-only", self.path(name)],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def lint(self, *args, status):
        return run([CHECKS, *args, "--", *ASIO_FLAGS], cwd=self.dir, check_status=status)

    def read(self, name):
        with open(self.path(name)) as f:
            return f.read()

    def test_operator_in_scope(self):
        self.compiles("asio_operators.cpp")
        _, out, _ = self.lint("asio_operators.cpp", status=1)
        self.assertEqual(out.count("warning:"), 3, out)
        self.lint("--fix", "asio_operators.cpp", status=1)
        text = self.read("asio_operators.cpp")
        self.assertIn("  auto [user, orders, quota] = co_await (fetch_user(id) && "
                      "fetch_orders(id) && fetch_quota(region));\n"
                      "  co_return static_cast<int>", text)
        # The two runs without an exact rewrite are untouched.
        self.assertIn("  auto quota = co_await fetch_quota(region);\n"
                      "  auto user = co_await fetch_user(id + quota);", text)
        self.assertIn("  int quota = co_await fetch_quota(region);\n"
                      "  User user = co_await fetch_user(id);", text)
        self.compiles("asio_operators.cpp")
        _, out, _ = self.lint("asio_operators.cpp", status=1)
        self.assertEqual(out.count("warning:"), 2, out)

    def test_operator_spelled_out(self):
        self.compiles("asio_qualified.cpp")
        self.lint("--fix", "asio_qualified.cpp", status=1)
        text = self.read("asio_qualified.cpp")
        # A comment between the awaits would be lost: no rewrite there.
        self.assertIn("  // The comment keeps its place", text)
        self.assertIn("  auto quota = co_await fetch_quota(region);\n  // The comment", text)
        self.assertIn("  auto [quota, motd] = co_await asio::experimental::awaitable_operators"
                      "::operator&&(fetch_quota(region), fetch_motd(day));", text)
        self.compiles("asio_qualified.cpp")

    def test_boost_asio(self):
        self.compiles("boost_operators.cpp")
        # Its one finding is fixed: nothing remains, exit 0.
        self.lint("--fix", "boost_operators.cpp", status=0)
        self.assertIn("  auto [config, peers] = co_await (read_config(name) && "
                      "count_peers(cluster));\n", self.read("boost_operators.cpp"))
        self.compiles("boost_operators.cpp")
        self.lint("boost_operators.cpp", status=0)

    def test_fix_through_a_symlink_keeps_the_link_the_mode_and_hard_links(self):
        real_dir = os.path.join(self.dir, "real")
        os.mkdir(real_dir)
        real = os.path.join(real_dir, "boost_operators.cpp")
        shutil.move(self.path("boost_operators.cpp"), real)
        os.chmod(real, 0o640)
        os.link(real, os.path.join(real_dir, "hard_link.cpp"))
        os.symlink(real, self.path("boost_operators.cpp"))
        self.lint("--fix", "boost_operators.cpp", status=0)
        self.assertTrue(os.path.islink(self.path("boost_operators.cpp")))
        fixed = "co_await (read_config(name) && count_peers(cluster));"
        for name in ("boost_operators.cpp", "real/boost_operators.cpp", "real/hard_link.cpp"):
            self.assertIn(fixed, self.read(name), name)
        self.assertEqual(os.stat(real).st_mode & 0o777, 0o640)

    def test_fix_keeps_the_mode_of_a_file_with_one_name(self):
        os.chmod(self.path("boost_operators.cpp"), 0o600)
        self.lint("--fix", "boost_operators.cpp", status=0)
        self.assertEqual(os.stat(self.path("boost_operators.cpp")).st_mode & 0o777, 0o600)

    def test_sarif_carries_the_fix(self):
        report = self.path("report.sarif")
        self.lint("--format=sarif", "-o", report, "asio_qualified.cpp", status=1)
        validate_sarif(self, report)
        with open(report) as f:
            results = json.load(f)["runs"][0]["results"]
        fixed = [r for r in results if r.get("fixes")]
        self.assertEqual(len(fixed), 1, results)
        replacement = fixed[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
        self.assertIn("operator&&(fetch_quota(region), fetch_motd(day))",
                      replacement["insertedContent"]["text"])
        source = self.read("asio_qualified.cpp")
        start = source.index("auto quota", source.index("plain("))
        end = source.index("\n  co_return", start)
        self.assertEqual(replacement["deletedRegion"],
                         {"charOffset": start, "charLength": end - start})


if __name__ == "__main__":
    unittest.main()
