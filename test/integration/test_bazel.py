"""The Bazel aspect's command line (bazel/flags.bzl, which is Starlark and
Python alike), fed the compile flags of Bazel's default toolchain for GCC
and run on a scratch tree laid out like Bazel's execution root."""
import ast
import json
import os
import unittest

from harness import SOURCE_DIR, ScratchTreeTestCase, TASK_H, run

BAZEL_DIR = os.path.join(SOURCE_DIR, "bazel")


def load_starlark(name):
    """The top-level names a .bzl file of bazel/ defines."""
    with open(os.path.join(BAZEL_DIR, name)) as f:
        text = f.read()
    names = {}
    exec(compile(text, name, "exec"), names)
    return names


FLAGS = load_starlark("flags.bzl")

OBJS = "bazel-out/k8-fastbuild/bin/pkg/_objs/server"

# What Bazel's auto-configured unix toolchain with gcc gives the compile
# action of pkg/server.cpp in a cc_library with copts = ["-std=c++20",
# "-fcoroutines"] and a dependency on //third_party/clock (with includes =
# ["include"] and defines = ["CLOCK_STEADY"]), less the compiler itself.
BAZEL_GCC_COMMAND = [
    "-U_FORTIFY_SOURCE", "-fstack-protector", "-Wall", "-Wunused-but-set-parameter",
    "-Wno-free-nonheap-object", "-fno-omit-frame-pointer", "-std=c++0x",
    "-MD", "-MF", OBJS + "/server.pic.d",
    "-frandom-seed=" + OBJS + "/server.pic.o",
    "-fPIC", "-DCLOCK_STEADY",
    "-iquote", ".", "-iquote", "bazel-out/k8-fastbuild/bin",
    "-iquote", "external/bazel_tools", "-iquote", "bazel-out/k8-fastbuild/bin/external/bazel_tools",
    "-isystem", "third_party/clock/include",
    "-isystem", "bazel-out/k8-fastbuild/bin/third_party/clock/include",
    "-std=c++20", "-fcoroutines",
    "-fno-canonical-system-headers", "-Wno-builtin-macro-redefined",
    '-D__DATE__="redacted"', '-D__TIMESTAMP__="redacted"', '-D__TIME__="redacted"',
    "-c", "pkg/server.cpp", "-o", OBJS + "/server.pic.o",
]

# The same with only what concerns the analysis.
ANALYSIS_FLAGS = [
    "-U_FORTIFY_SOURCE", "-fstack-protector", "-Wall", "-Wunused-but-set-parameter",
    "-Wno-free-nonheap-object", "-fno-omit-frame-pointer", "-std=c++0x",
    "-fPIC", "-DCLOCK_STEADY",
    "-iquote", ".", "-iquote", "bazel-out/k8-fastbuild/bin",
    "-iquote", "external/bazel_tools", "-iquote", "bazel-out/k8-fastbuild/bin/external/bazel_tools",
    "-isystem", "third_party/clock/include",
    "-isystem", "bazel-out/k8-fastbuild/bin/third_party/clock/include",
    "-std=c++20", "-fcoroutines",
    "-Wno-builtin-macro-redefined",
    '-D__DATE__="redacted"', '-D__TIMESTAMP__="redacted"', '-D__TIME__="redacted"',
]

# Options of that command line the clang driver rejects, or that are about
# the compiler's outputs.
NOT_FOR_ANALYSIS = ["-fno-canonical-system-headers", "-MD", "-MF", "-c", "-o"]

# The srcs of the target: headers and C sources are not analysed.
SRCS = ["pkg/server.cpp", "pkg/server.h", "pkg/crc.c", "pkg/util.cc", "pkg/old.cxx",
        "pkg/big.C", "pkg/plus.c++", "pkg/Makefile", "pkg/notes.txt"]

SERVER_CPP = """#include "pkg/task.h"
#include "pkg/version.h"
#include <clock.h>
#include <chrono>
#include <thread>

task poll() {
  std::this_thread::sleep_for(std::chrono::milliseconds(VERSION + CLOCK_TICK));
  co_await tick();
}
"""

CLOCK_H = """#pragma once
#ifdef CLOCK_STEADY
#define CLOCK_TICK 1
#endif
"""

CRC_C = """int crc(const char *p) { return p ? *p : 0; }
"""


class BazelFlagsTest(unittest.TestCase):
    def test_gcc_toolchain_flags_are_filtered(self):
        flags = FLAGS["analysis_flags"](BAZEL_GCC_COMMAND, ["pkg/server.cpp"])
        self.assertEqual(flags, ANALYSIS_FLAGS)
        for flag in NOT_FOR_ANALYSIS:
            self.assertNotIn(flag, flags)
        self.assertFalse([f for f in flags if f.startswith("-frandom-seed")], flags)

    def test_other_gcc_only_and_output_flags_are_dropped(self):
        flags = FLAGS["analysis_flags"](
            ["-fabi-version=11", "-fno-gnu-unique", "-fstack-usage", "-MMD", "-MT", "x.o",
             "-MFx.d", "-MQ", "x.o", "-O2", "-std=c++20"])
        self.assertEqual(flags, ["-O2", "-std=c++20"])

    def test_only_cxx_sources_are_analysed(self):
        sources = [s for s in SRCS if FLAGS["is_cxx_source"](s)]
        self.assertEqual(sources, ["pkg/server.cpp", "pkg/util.cc", "pkg/old.cxx", "pkg/big.C",
                                   "pkg/plus.c++"])

    def test_the_aspect_builds_its_command_line_with_these_functions(self):
        with open(os.path.join(BAZEL_DIR, "asynclint.bzl")) as f:
            tree = ast.parse(f.read(), "asynclint.bzl")
        loads = [node.value for node in tree.body
                 if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                 and getattr(node.value.func, "id", "") == "load"]
        of_flags = [call for call in loads
                    if call.args[0].value in (":flags.bzl", "//bazel:flags.bzl")]
        self.assertEqual(len(of_flags), 1)
        loaded = [arg.value for arg in of_flags[0].args[1:]]
        self.assertEqual(sorted(loaded), ["asynclint_arguments", "is_cxx_source"])
        called = {node.func.id for node in ast.walk(tree)
                  if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        for name in loaded:
            self.assertIn(name, FLAGS)
            self.assertIn(name, called)

    def test_flags_bzl_is_plain_starlark(self):
        # Constants and functions only, without the Python that Starlark
        # lacks, so that Bazel loads the file that this test executes.
        with open(os.path.join(BAZEL_DIR, "flags.bzl")) as f:
            tree = ast.parse(f.read(), "flags.bzl")
        for node in tree.body:
            self.assertIsInstance(node, (ast.Assign, ast.FunctionDef, ast.Expr))
            if isinstance(node, ast.Expr):
                self.assertIsInstance(node.value, ast.Constant)
        python_only = (ast.Import, ast.ImportFrom, ast.ClassDef, ast.While, ast.Try, ast.With,
                       ast.Yield, ast.Global, ast.Nonlocal, ast.Set, ast.SetComp,
                       ast.GeneratorExp, ast.JoinedStr, ast.Starred)
        for node in ast.walk(tree):
            self.assertNotIsInstance(node, python_only, ast.dump(node))


class BazelActionTest(ScratchTreeTestCase):
    """asynclint as the aspect's action runs it, in an execution root."""
    prefix = "asynclint-bazel-"

    def setUp(self):
        super().setUp()
        self.write("pkg/server.cpp", SERVER_CPP)
        self.write("pkg/crc.c", CRC_C)
        self.write("pkg/task.h", TASK_H)
        self.write("bazel-out/k8-fastbuild/bin/pkg/version.h", "#define VERSION 2\n")
        self.write("third_party/clock/include/clock.h", CLOCK_H)
        os.makedirs(self.path("external/bazel_tools"))
        os.makedirs(self.path(OBJS))
        self.report = "bazel-out/k8-fastbuild/bin/pkg/server.asynclint.sarif"

    def arguments(self, sources):
        return FLAGS["asynclint_arguments"](self.report, sources, BAZEL_GCC_COMMAND)

    def test_the_action_reports_the_blocking_call(self):
        sources = [s for s in ["pkg/server.cpp", "pkg/crc.c"] if FLAGS["is_cxx_source"](s)]
        arguments = self.arguments(sources)
        self.assertEqual(arguments[:7], ["--no-cache", "--no-facts", "--quiet", "--exit-zero",
                                         "--format=sarif", "--output", self.report])
        self.assertEqual(arguments[7:9], ["pkg/server.cpp", "--"])
        status, out, err = run(arguments, cwd=self.root)
        self.assertEqual(status, 0, out + err)
        with open(self.path(self.report)) as f:
            results = json.load(f)["runs"][0]["results"]
        self.assertEqual([r["ruleId"] for r in results], ["async-blocking-call"])
        location = results[0]["locations"][0]["physicalLocation"]
        self.assertTrue(location["artifactLocation"]["uri"].endswith("pkg/server.cpp"))
        self.assertEqual(location["region"]["startLine"], 8)
        self.assertFalse(os.path.exists(self.path(OBJS + "/server.pic.d")))
        self.assertFalse(os.path.exists(self.path(OBJS + "/server.pic.o")))

    def test_the_unfiltered_command_line_is_rejected(self):
        arguments = self.arguments(["pkg/server.cpp"])
        unfiltered = arguments[:arguments.index("--") + 1] + BAZEL_GCC_COMMAND
        status, out, err = run(unfiltered, cwd=self.root)
        self.assertEqual(status, 2, out + err)
        self.assertIn("-fno-canonical-system-headers", err)

    def test_a_c_source_would_not_compile_with_the_cxx_flags(self):
        status, out, err = run(self.arguments(["pkg/server.cpp", "pkg/crc.c"]), cwd=self.root)
        self.assertEqual(status, 3, out + err)


if __name__ == "__main__":
    unittest.main()
