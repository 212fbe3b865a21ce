"""The async module loaded into Debian's clang-tidy-22."""
import os
import subprocess
import unittest

from harness import CLANG_TIDY, CLANGXX, PLUGIN, ProjectTestCase


class PluginTest(ProjectTestCase):
    def tidy(self, *args):
        return subprocess.run([CLANG_TIDY, "--load=" + PLUGIN] + list(args),
                              cwd=self.project.root, capture_output=True, text=True,
                              timeout=300)

    def test_lists_the_async_checks(self):
        proc = self.tidy("--checks=-*,async-*", "--list-checks")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("async-blocking-call", proc.stdout)

    def test_reports_through_clang_tidy(self):
        proc = self.tidy("--checks=-*,async-*", "-p", self.project.root,
                         self.project.path("src/server.cpp"))
        self.assertIn("server.cpp:17:3: warning: blocking call to "
                      "'std::this_thread::sleep_for' (sleep)", proc.stdout)
        self.assertIn("[async-blocking-call]", proc.stdout)
        self.assertNotIn("server.cpp:24:", proc.stdout)  # NOLINTNEXTLINE

    def test_check_options_reach_the_plugin(self):
        proc = self.tidy("--checks=-*,async-*", "-p", self.project.root,
                         "--config={CheckOptions: {async-blocking-call.IgnoredCategories: sleep}}",
                         self.project.path("src/server.cpp"))
        self.assertNotIn("(sleep)", proc.stdout)
        self.assertIn("(file-io)", proc.stdout)
        proc = self.tidy("--checks=-*,async-*", "--dump-config")
        self.assertIn("async-blocking-call.IgnoredCategories", proc.stdout)

    def test_cmake_clang_tidy_integration(self):
        with open(self.project.path("CMakeLists.txt"), "w") as f:
            f.write("cmake_minimum_required(VERSION 3.20)\nproject(demo CXX)\n"
                    "set(CMAKE_CXX_STANDARD 20)\n"
                    "add_library(demo OBJECT src/server.cpp src/clean.cpp)\n"
                    "target_include_directories(demo PRIVATE include)\n")
        build = self.project.path("cmake-build")
        tidy = f"{CLANG_TIDY};--load={PLUGIN};--checks=-*,async-*"
        configure = subprocess.run(
            ["cmake", "-G", "Ninja", "-S", self.project.root, "-B", build,
             "-DCMAKE_CXX_COMPILER=" + CLANGXX, "-DCMAKE_CXX_CLANG_TIDY=" + tidy],
            capture_output=True, text=True, timeout=300)
        self.assertEqual(configure.returncode, 0, configure.stdout + configure.stderr)
        compile_ = subprocess.run(["cmake", "--build", build], capture_output=True,
                                  text=True, timeout=600)
        self.assertEqual(compile_.returncode, 0, compile_.stdout + compile_.stderr)
        self.assertIn("[async-blocking-call]", compile_.stdout)
        self.assertIn("'std::this_thread::sleep_for' (sleep)", compile_.stdout)


if __name__ == "__main__":
    unittest.main()
