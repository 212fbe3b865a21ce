"""Bad input: a clear message, a documented exit status, nothing lost."""
import json
import os
import stat
import tempfile
import unittest

from harness import Project, ProjectTestCase, run, validate_sarif


class BadInputTest(ProjectTestCase):
    def assertUsageError(self, args, cwd, expected):
        status, out, err = run(args, cwd=cwd)
        self.assertEqual(status, 2, err)
        self.assertIn(expected, err)
        self.assertNotIn("Stack dump", err)
        self.assertNotIn("PLEASE submit", err)
        return err

    def test_no_database_and_no_double_dash(self):
        scratch = tempfile.mkdtemp()
        source = os.path.join(scratch, "a.cpp")
        with open(source, "w") as f:
            f.write("int main() {}\n")
        self.assertUsageError([source], scratch, "no compilation database found")

    def test_malformed_database(self):
        with open(self.project.path("compile_commands.json"), "w") as f:
            f.write('[{"directory": "/", "file": ')
        self.assertUsageError(["-p", self.project.root], self.project.root,
                              "cannot load compilation database")

    def test_empty_database(self):
        with open(self.project.path("compile_commands.json"), "w") as f:
            f.write("[]")
        self.assertUsageError(["-p", self.project.root], self.project.root,
                              "has no entries")

    def test_missing_source_or_directory_is_one_failure_among_the_files(self):
        status, out, err = run(["-p", self.project.root, "src/nope.cpp", "src",
                                "src/server.cpp", "--format=json"], cwd=self.project.root)
        self.assertEqual(status, 3, err)
        report = json.loads(out)
        self.assertTrue(any(f["file"].endswith("server.cpp") for f in report["findings"]))
        failures = {f["file"]: f["message"] for f in report["failures"]}
        self.assertEqual(failures, {"src/nope.cpp": "no such file",
                                    "src": "a directory, not a source file"})
        # Nothing else named: the failures alone, still exit 3.
        status, out, err = run(["-p", self.project.root, "src/nope.cpp"], cwd=self.project.root)
        self.assertEqual(status, 3, err)
        self.assertIn("src/nope.cpp: error: analysis incomplete: no such file", out)

    def test_code_hidden_from_static_analyzers_parses_as_the_compiler_sees_it(self):
        # A path only a static analyzer takes, which does not compile: the
        # unit is analysed as clang++ -fsyntax-only accepts it.
        with open(self.project.path("src/server.cpp")) as f:
            text = f.read()
        with open(self.project.path("src/server.cpp"), "w") as f:
            f.write("#ifdef __clang_analyzer__\n#error analyzer-only path\n#endif\n" + text)
        status, out, err = run(["-p", self.project.root], cwd=self.project.root)
        self.assertEqual(status, 1, out + err)
        self.assertNotIn("analyzer-only path", out + err)
        self.assertIn("server.cpp:20:", out)

    def test_unit_with_compile_errors_next_to_a_good_one(self):
        self.project.write_database(["src/server.cpp", "src/broken.cpp"])
        sarif = self.project.path("out.sarif")
        status, out, err = run(["-p", self.project.root], cwd=self.project.root)
        self.assertEqual(status, 3, err)
        self.assertIn("server.cpp:17:", out)
        self.assertIn("undeclared_function", out)
        self.assertIn("analysis incomplete", out)
        status, _, _ = run(["-p", self.project.root, "--format=sarif", "-o", sarif],
                           cwd=self.project.root)
        self.assertEqual(status, 3)
        validate_sarif(self, sarif)
        with open(sarif) as f:
            run_ = json.load(f)["runs"][0]
        self.assertEqual(len(run_["results"]), 3)
        invocation = run_["invocations"][0]
        self.assertFalse(invocation["executionSuccessful"])
        note = invocation["toolExecutionNotifications"][0]
        self.assertEqual(note["level"], "error")
        self.assertIn("undeclared_function", note["message"]["text"])
        self.assertEqual(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                         "src/broken.cpp")

    def test_bad_option_value(self):
        config = "{CheckOptions: {async-blocking-call.IgnoredCategories: 'slep'}}"
        self.assertUsageError(["-p", self.project.root, "--config=" + config],
                              self.project.root, "invalid value 'slep'")

    def test_malformed_yaml_config(self):
        self.assertUsageError(["-p", self.project.root, "--config={Checks: [unclosed"],
                              self.project.root, "invalid configuration")

    def test_malformed_user_catalogue(self):
        catalogue = self.project.path("team.json")
        with open(catalogue, "w") as f:
            f.write('{\n  "blocking": [\n    {"function": "x::y", "category": "slow"}\n  ]\n}\n')
        config = "{CheckOptions: {CatalogFile: '%s'}}" % catalogue
        err = self.assertUsageError(["-p", self.project.root, "--config=" + config],
                                    self.project.root, catalogue + ":3: unknown category 'slow'")
        with open(catalogue, "w") as f:
            f.write('{\n  "blocking": [\n    {"function": "x::y",, }\n  ]\n}\n')
        self.assertUsageError(["-p", self.project.root, "--config=" + config],
                              self.project.root, catalogue + ":3:")

    def test_unwritable_output(self):
        target = os.path.join(self.project.root, "no-such-dir", "out.sarif")
        self.assertUsageError(["-p", self.project.root, "--format=sarif", "-o", target],
                              self.project.root, "cannot write")
        self.assertFalse(os.path.exists(target))
        readonly = self.project.path("readonly")
        os.mkdir(readonly)
        os.chmod(readonly, stat.S_IRUSR | stat.S_IXUSR)
        if os.access(readonly, os.W_OK):
            return  # root ignores permissions; the missing directory case stands
        self.assertUsageError(["-p", self.project.root, "-o", readonly + "/r.txt"],
                              self.project.root, "cannot write")
        self.assertEqual(os.listdir(readonly), [])

    def test_unknown_format(self):
        status, _, err = run(["--format=xml", "src/server.cpp"], cwd=self.project.root)
        self.assertEqual(status, 2)
        self.assertIn("xml", err)


if __name__ == "__main__":
    unittest.main()
