"""Every output format, the SARIF validator, and fingerprint stability."""
import json
import os
import shutil
import subprocess
import unittest

from harness import ProjectTestCase, run, validate_sarif


class FormatsTest(ProjectTestCase):
    def report(self, fmt, *extra):
        out_path = self.project.path("report." + fmt)
        status, stdout, _ = run(["-p", self.project.root, "--format=" + fmt, "-o", out_path]
                                + list(extra), cwd=self.project.root)
        self.assertEqual(status, 1)
        self.assertEqual(stdout, "")
        with open(out_path) as f:
            return f.read(), out_path

    @unittest.skipUnless(shutil.which("git"), "needs git")
    def test_paths_are_relative_to_the_source_root_wherever_it_runs(self):
        subprocess.run(["git", "init", "-q", self.project.root], check=True)
        build = self.project.path("build")
        os.makedirs(build)
        server = self.project.path("src/server.cpp")
        def sarif_from(cwd, *extra):
            _, out, _ = run(["-p", self.project.root, "--format=sarif", server]
                            + list(extra), cwd=cwd, check_status=1)
            return json.loads(out)["runs"][0]
        at_root = sarif_from(self.project.root)
        in_build = sarif_from(build)
        root_uri = "file://" + self.project.root.rstrip("/") + "/"
        self.assertEqual(in_build["originalUriBaseIds"]["%SRCROOT%"]["uri"], root_uri)
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in in_build["results"]}
        self.assertEqual(uris, {"src/server.cpp"})
        self.assertEqual([r["partialFingerprints"] for r in at_root["results"]],
                         [r["partialFingerprints"] for r in in_build["results"]])
        # JSON and GitHub too; text stays relative to the working directory.
        _, out, _ = run(["-p", self.project.root, "--format=json", server],
                        cwd=build, check_status=1)
        self.assertEqual({f["file"] for f in json.loads(out)["findings"]}, {"src/server.cpp"})
        _, out, _ = run(["-p", self.project.root, "--format=github", server],
                        cwd=build, check_status=1)
        self.assertIn("file=src/server.cpp,", out)
        _, out, _ = run(["-p", self.project.root, "src/server.cpp"], cwd=self.project.root,
                        check_status=1)
        self.assertIn("\nsrc/server.cpp:", "\n" + out)
        # An explicit root.
        explicit = sarif_from(build, "--source-root=" + self.project.path("src"))
        self.assertEqual({r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                          for r in explicit["results"]}, {"server.cpp"})
        run(["-p", self.project.root, "--source-root=nowhere", "src/server.cpp"],
            cwd=self.project.root, check_status=2)

    def test_sarif_is_complete_and_valid(self):
        text, path = self.report("sarif")
        validate_sarif(self, path)
        sarif = json.loads(text)
        self.assertEqual(sarif["version"], "2.1.0")
        run_ = sarif["runs"][0]
        driver = run_["tool"]["driver"]
        self.assertEqual(driver["name"], "asynclint")
        self.assertIn("informationUri", driver)
        rule = next(r for r in driver["rules"] if r["id"] == "async-blocking-call")
        for key in ("name", "shortDescription", "fullDescription", "help", "helpUri",
                    "defaultConfiguration"):
            self.assertIn(key, rule)
        self.assertIn("markdown", rule["help"])
        self.assertIn("precision", rule["properties"])
        self.assertIn("tags", rule["properties"])
        results = run_["results"]
        self.assertEqual(len(results), 3)
        for r in results:
            self.assertEqual(driver["rules"][r["ruleIndex"]]["id"], r["ruleId"])
            loc = r["locations"][0]["physicalLocation"]
            self.assertEqual(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%")
            self.assertEqual(loc["artifactLocation"]["uri"], "src/server.cpp")
            for key in ("startLine", "startColumn", "endLine", "endColumn"):
                self.assertIn(key, loc["region"])
            self.assertIn("asynclint/v2", r["partialFingerprints"])
            self.assertIn(r["properties"]["category"], ("file-io", "sleep"))
        self.assertTrue(run_["invocations"][0]["executionSuccessful"])

    def test_sarif_with_fixes_is_valid(self):
        text, path = self.report("sarif", "--checks=-*,async-*,modernize-use-nullptr")
        validate_sarif(self, path)
        sarif = json.loads(text)
        fixed = [r for r in sarif["runs"][0]["results"] if "fixes" in r]
        self.assertEqual(fixed[0]["ruleId"], "modernize-use-nullptr")
        change = fixed[0]["fixes"][0]["artifactChanges"][0]
        self.assertEqual(change["replacements"][0]["insertedContent"]["text"], "nullptr")

    def test_sarif_keeps_the_most_severe_within_githubs_limits(self):
        out_path = self.project.path("limited.sarif")
        status, _, err = run(["-p", self.project.root, "--format=sarif", "-o", out_path,
                              "--checks=-*,async-*,modernize-use-nullptr",
                              "--warnings-as-errors=modernize-use-nullptr",
                              "--sarif-max-results=1"], cwd=self.project.root)
        self.assertEqual(status, 1)
        self.assertIn("the SARIF report leaves out 4 of 5 results", err)
        validate_sarif(self, out_path)
        with open(out_path) as f:
            run_ = json.load(f)["runs"][0]
        self.assertEqual([(r["ruleId"], r["level"]) for r in run_["results"]],
                         [("modernize-use-nullptr", "error")])
        note = run_["invocations"][0]["toolExecutionNotifications"][0]
        self.assertEqual(note["level"], "warning")
        self.assertIn("4 of 5 results are left out", note["message"]["text"])
        # 0 lifts the limit.
        status, _, err = run(["-p", self.project.root, "--format=sarif", "-o", out_path,
                              "--sarif-max-results=0"], cwd=self.project.root)
        self.assertNotIn("leaves out", err)

    def test_columns_after_non_ascii_text(self):
        with open(self.project.path("src/server.cpp"), encoding="utf-8") as f:
            text = f.read()
        text = text.replace("  std::this_thread::sleep_for(std::chrono::milliseconds(20));",
                            "  /* d\u00e9lai \U0001F600 */ std::this_thread::sleep_for("
                            "std::chrono::milliseconds(20));")
        with open(self.project.path("src/server.cpp"), "w", encoding="utf-8") as f:
            f.write(text)
        sarif, path = self.report("sarif")
        validate_sarif(self, path)
        run_ = json.loads(sarif)["runs"][0]
        self.assertEqual(run_["columnKind"], "utf16CodeUnits")
        line = next(l for l in text.split("\n") if "d\u00e9lai" in l)
        start = line.index("std::this_thread")
        end = line.index(";", start)
        region = next(r for r in run_["results"]
                      if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 17
                      )["locations"][0]["physicalLocation"]["region"]
        utf16 = lambda s: len(s.encode("utf-16-le")) // 2
        self.assertEqual(region["startColumn"], utf16(line[:start]) + 1)
        self.assertEqual(region["endColumn"], utf16(line[:end]) + 1)
        # The text report's caret sits under the call as a terminal shows it:
        # the emoji takes two cells.
        _, out, _ = run(["-p", self.project.root, "src/server.cpp"], cwd=self.project.root)
        lines = out.split("\n")
        shown = next(i for i, l in enumerate(lines) if "d\u00e9lai" in l)
        caret = lines[shown + 1]
        gutter = caret.index("|") + 2
        self.assertEqual(caret.index("^") - gutter, len(line[:start]) + 1)

    def test_json(self):
        text, _ = self.report("json")
        report = json.loads(text)
        self.assertEqual(len(report["findings"]), 3)
        first = report["findings"][0]
        for key in ("rule", "level", "message", "file", "line", "column", "endLine",
                    "endColumn", "category", "notes", "fixes", "fingerprint"):
            self.assertIn(key, first)
        self.assertEqual(first["file"], "src/server.cpp")
        self.assertEqual(report["failures"], [])

    def test_github(self):
        text, _ = self.report("github")
        lines = text.splitlines()
        self.assertEqual(len(lines), 3)
        self.assertRegex(lines[0], r"^::warning file=src/server\.cpp,line=10,col=\d+,"
                                   r"endLine=10,title=async-blocking-call::blocking call")

    def test_codequality(self):
        text, _ = self.report("codequality")
        issues = json.loads(text)
        self.assertEqual(len(issues), 3)
        for issue in issues:
            self.assertEqual(issue["check_name"], "async-blocking-call")
            self.assertEqual(issue["location"]["path"], "src/server.cpp")
            self.assertIn("begin", issue["location"]["lines"])
            self.assertIn(issue["severity"], ("info", "minor", "major", "critical", "blocker"))
        self.assertEqual(len({i["fingerprint"] for i in issues}), 3)

    def test_fingerprints_survive_edits_above(self):
        text, _ = self.report("json")
        before = {(f["message"], f["fingerprint"]) for f in json.loads(text)["findings"]}
        path = self.project.path("src/server.cpp")
        with open(path) as f:
            source = f.read()
        with open(path, "w") as f:
            f.write("// a new comment\n// and another\n" + source.replace(
                "  std::ifstream in(path);", "    std::ifstream in(path);"))
        text, _ = self.report("json")
        after_findings = json.loads(text)["findings"]
        after = {(f["message"], f["fingerprint"]) for f in after_findings}
        self.assertEqual(before, after)
        self.assertEqual(after_findings[0]["line"], 12)


if __name__ == "__main__":
    unittest.main()
