"""The composite GitHub Action (action.yml), its steps run as a runner runs
them: each `run:` script by bash, with the step's `env:` and the inputs the
workflow gives, GITHUB_PATH carried from one step to the next.

The build step compiles asynclint from scratch, which takes minutes: that
test has the label `long` (`ctest -L long`); the others run with the suite."""
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import unittest

import yaml

SOURCE_DIR = os.environ.get("ASYNCLINT_SOURCE_DIR") or os.path.abspath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load_action():
    with open(os.path.join(SOURCE_DIR, "action.yml")) as f:
        return yaml.safe_load(f)


class Runner:
    """Runs the action's steps in a scratch runner directory."""

    def __init__(self, test, inputs):
        self.test = test
        self.action = load_action()
        self.inputs = {name: spec.get("default", "")
                       for name, spec in self.action["inputs"].items()}
        self.inputs.update(inputs)
        self.temp = tempfile.mkdtemp(prefix="asynclint-runner-")
        test.addCleanup(shutil.rmtree, self.temp, True)
        self.workspace = os.path.join(self.temp, "workspace")
        os.makedirs(self.workspace)
        self.github_path = os.path.join(self.temp, "github_path")
        open(self.github_path, "w").close()
        self.path = os.environ["PATH"]

    def evaluate(self, text):
        """What the runner makes of the expressions in \p text: it pastes
        their values in before anything reads it."""
        context = {"github.action_path": SOURCE_DIR, "runner.temp": self.temp}
        context.update({"inputs." + name: str(value) for name, value in self.inputs.items()})

        def value(match):
            self.test.assertIn(match.group(1), context)
            return context[match.group(1)]
        return EXPRESSION.sub(value, str(text))

    def step(self, name):
        for step in self.action["runs"]["steps"]:
            if step["name"] == name:
                return step
        raise AssertionError(f"action.yml has no step '{name}'")

    def run(self, name, timeout=600, env_extra=None):
        step = self.step(name)
        env = dict(os.environ, GITHUB_ACTION_PATH=SOURCE_DIR, RUNNER_TEMP=self.temp,
                   GITHUB_PATH=self.github_path, GITHUB_WORKSPACE=self.workspace)
        env.update({key: self.evaluate(value) for key, value in step.get("env", {}).items()})
        env.update(env_extra or {})
        # Directories earlier steps added to GITHUB_PATH come first.
        with open(self.github_path) as f:
            added = [line.strip() for line in f if line.strip()]
        env["PATH"] = os.pathsep.join(list(reversed(added)) + [self.path])
        # As the runner starts a `shell: bash` step.
        self.test.assertEqual(step.get("shell"), "bash")
        script = os.path.join(self.temp, "step.sh")
        with open(script, "w") as f:
            f.write(self.evaluate(step["run"]))
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                              cwd=self.workspace, env=env, capture_output=True, text=True,
                              timeout=timeout)

    def arguments_of_run_step(self):
        """Runs the step that runs asynclint with a recording asynclint put
        on the PATH by an earlier step; the arguments it was given."""
        bin_dir = os.path.join(self.temp, "bin")
        os.makedirs(bin_dir)
        fake = os.path.join(bin_dir, "asynclint")
        with open(fake, "w") as f:
            f.write(FAKE_ASYNCLINT)
        os.chmod(fake, stat.S_IRWXU)
        with open(self.github_path, "w") as f:
            f.write(bin_dir + "\n")
        argv_log = os.path.join(self.temp, "argv.json")
        proc = self.run("Run asynclint", env_extra={"ARGV_LOG": argv_log})
        self.test.assertEqual(proc.returncode, 0, proc.stderr)
        with open(argv_log) as f:
            return json.load(f)


FAKE_ASYNCLINT = """#!/usr/bin/env python3
import json, os, sys
with open(os.environ["ARGV_LOG"], "w") as f:
    json.dump(sys.argv[1:], f)
"""


class ActionTest(unittest.TestCase):
    def test_no_script_holds_an_expression(self):
        # `${{ }}` in a script is pasted in before the shell reads it, so a
        # branch name or an input would be run as shell code.
        for step in load_action()["runs"]["steps"]:
            if "run" in step:
                with self.subTest(step=step["name"]):
                    self.assertNotIn("${{", step["run"])

    def test_hostile_inputs_reach_asynclint_as_words(self):
        runner = Runner(self, {
            "build-dir": "my build",
            "sarif-file": "out $(touch sarif-ran).sarif",
            "args": "--quiet $(touch args-ran) `touch ticks-ran` ; touch semicolon-ran *",
        })
        # A file for `*` to match, were it expanded.
        open(os.path.join(runner.workspace, "existing.cpp"), "w").close()
        argv = runner.arguments_of_run_step()
        self.assertEqual(argv, ["-p", "my build", "--format=sarif", "-o",
                                "out $(touch sarif-ran).sarif", "--exit-zero", "--quiet",
                                "$(touch", "args-ran)", "`touch", "ticks-ran`", ";", "touch",
                                "semicolon-ran", "*"])
        self.assertEqual(os.listdir(runner.workspace), ["existing.cpp"])

    def test_no_args_adds_no_argument(self):
        runner = Runner(self, {})
        self.assertEqual(runner.arguments_of_run_step(),
                         ["-p", "build", "--format=sarif", "-o", "asynclint.sarif", "--exit-zero"])

    def test_the_documented_workflow_grants_what_the_action_needs(self):
        with open(os.path.join(SOURCE_DIR, "docs", "ci.md")) as f:
            text = f.read()
        section = text[text.index("### GitHub Action"):]
        snippet = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
        workflow = yaml.safe_load(snippet)
        job = next(iter(workflow["jobs"].values()))
        self.assertEqual(job["permissions"].get("security-events"), "write")
        steps = job["steps"]
        checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
        uses_action = next(s for s in steps if s.get("uses", "").startswith("asynclint/"))
        if "--changed-since" in uses_action.get("with", {}).get("args", ""):
            self.assertEqual(checkout.get("with", {}).get("fetch-depth"), 0)
        self.assertLessEqual(set(uses_action["with"]), set(load_action()["inputs"]))

    @unittest.skipUnless(os.environ.get("ASYNCLINT_LONG_TESTS"),
                         "builds asynclint from scratch; ctest -L long runs it")
    def test_build_install_and_run_on_the_example(self):
        runner = Runner(self, {"build-dir": "build", "args": "--no-cache"})
        example = os.path.join(runner.workspace, "example")
        shutil.copytree(os.path.join(SOURCE_DIR, "examples"), example)
        runner.workspace = example
        configure = subprocess.run(["cmake", "-S", ".", "-B", "build", "-G", "Ninja",
                                    "-DCMAKE_CXX_COMPILER=clang++-22",
                                    "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"],
                                   cwd=example, capture_output=True, text=True, timeout=300)
        self.assertEqual(configure.returncode, 0, configure.stderr)
        built = runner.run("Build asynclint", timeout=1800)
        self.assertEqual(built.returncode, 0, built.stdout[-3000:] + built.stderr[-3000:])
        prefix = os.path.join(runner.temp, "asynclint")
        self.assertTrue(os.access(os.path.join(prefix, "bin", "asynclint"), os.X_OK))
        ran = runner.run("Run asynclint")
        self.assertEqual(ran.returncode, 0, ran.stderr)
        with open(os.path.join(example, "asynclint.sarif")) as f:
            results = json.load(f)["runs"][0]["results"]
        self.assertTrue(any(r["ruleId"] == "async-blocking-call" for r in results), results)


if __name__ == "__main__":
    unittest.main()
