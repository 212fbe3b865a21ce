"""Shared helpers for the end-to-end tests: tool paths and scratch projects."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.join(HERE, "project")
ASYNCLINT = os.environ.get("ASYNCLINT", "asynclint")
CLANG_TIDY = os.environ.get("CLANG_TIDY", "clang-tidy-22")
CLANGXX = os.environ.get("CLANGXX", "clang++-22")
PLUGIN = os.environ.get("ASYNCLINT_PLUGIN", "")
CLANGD = os.environ.get("ASYNCLINT_CLANGD", "")
SARIF_VALIDATOR = os.environ.get("SARIF_VALIDATOR", "")
SOURCE_DIR = os.environ.get("ASYNCLINT_SOURCE_DIR", os.path.dirname(os.path.dirname(HERE)))


# A minimal coroutine task type for the tests that write their own projects.
TASK_H = """#pragma once
#include <coroutine>
#include <exception>
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};
task tick();
"""


class Project:
    """A copy of the test project in a scratch folder, with its own
    compile_commands.json (absolute paths, so it is made at run time)."""

    def __init__(self, files=("src/server.cpp", "src/clean.cpp", "legacy/old.cpp")):
        self.root = tempfile.mkdtemp(prefix="asynclint-it-")
        shutil.copytree(PROJECT, self.root, dirs_exist_ok=True)
        self.files = list(files)
        self.write_database(self.files)

    def path(self, relative):
        return os.path.join(self.root, relative)

    def write_database(self, files, name="compile_commands.json"):
        entries = [{
            "directory": self.root,
            "file": self.path(f),
            "arguments": [CLANGXX, "-std=c++20", "-I" + self.path("include"),
                          "-c", self.path(f)],
        } for f in files]
        with open(self.path(name), "w") as out:
            json.dump(entries, out)

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)


def run(args, cwd, check_status=None, env=None):
    """Runs asynclint; returns (status, stdout, stderr)."""
    proc = subprocess.run([ASYNCLINT] + list(args), cwd=cwd, capture_output=True,
                          text=True, timeout=600, env=env)
    if check_status is not None and proc.returncode != check_status:
        raise AssertionError(
            f"asynclint {' '.join(args)} exited {proc.returncode}, expected "
            f"{check_status}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    return proc.returncode, proc.stdout, proc.stderr


def validate_sarif(test, sarif_path):
    """Runs the official SARIF validator; fails the test on any error."""
    test.assertTrue(SARIF_VALIDATOR and os.path.exists(SARIF_VALIDATOR),
                    f"SARIF validator not installed at '{SARIF_VALIDATOR}'")
    out_path = sarif_path + ".validation.sarif"
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1")
    proc = subprocess.run([SARIF_VALIDATOR, "validate", sarif_path, "--output", out_path,
                           "--log", "ForceOverwrite"], capture_output=True, text=True, env=env, timeout=300)
    with open(out_path) as f:
        log = json.load(f)
    errors = [r for run_ in log.get("runs", []) for r in run_.get("results", [])
              if r.get("level") == "error"]
    test.assertEqual(errors, [], proc.stdout + proc.stderr)
    test.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)


class ProjectTestCase(unittest.TestCase):
    def setUp(self):
        self.project = Project()
        self.addCleanup(self.project.cleanup)


class ScratchTreeTestCase(unittest.TestCase):
    """A test that writes its own small project into a scratch folder."""
    prefix = "asynclint-tree-"

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix=self.prefix)
        self.addCleanup(shutil.rmtree, self.root, True)

    def path(self, relative):
        return os.path.join(self.root, relative)

    def write(self, relative, text):
        os.makedirs(os.path.dirname(self.path(relative)), exist_ok=True)
        with open(self.path(relative), "w") as f:
            f.write(text)
