"""async-lock-across-suspension side by side with clang-tidy-22's
misc-coroutine-hostile-raii and cppcoreguidelines-no-suspend-with-lock, on
the same annotated fixtures. The annotations are the truth: asynclint must
match them exactly; clang-tidy's checks may miss or over-report, and every
suspension they get right asynclint gets right too."""
import json
import os
import re
import subprocess
import unittest

from harness import ASYNCLINT, CLANG_TIDY, SOURCE_DIR

FIXTURES = os.path.join(SOURCE_DIR, "test", "checks", "async-lock-across-suspension")
INCLUDE = os.path.join(SOURCE_DIR, "test", "checks", "include")
ARGS = ["-std=c++20", "-I" + INCLUDE]
TIDY_CHECKS = "-*,misc-coroutine-hostile-raii,cppcoreguidelines-no-suspend-with-lock"


def expected_lines(path):
    with open(path) as f:
        return {n for n, line in enumerate(f, 1) if "expected-warning" in line}


def asynclint_lines(path):
    # The fixtures live in this repository's test tree; judge them as the
    # source files they stand for.
    proc = subprocess.run([ASYNCLINT, "--checks=-*,async-lock-across-suspension",
                           "--config={CheckOptions: {TestFilePattern: ''}}",
                           "--format=json", path, "--"] + ARGS,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    return {f["line"] for f in json.loads(proc.stdout)["findings"]}


def clang_tidy_lines(path):
    proc = subprocess.run([CLANG_TIDY, "--checks=" + TIDY_CHECKS, path, "--"] + ARGS,
                          capture_output=True, text=True, timeout=300)
    name = re.escape(os.path.basename(path))
    lines = set()
    for line in proc.stdout.splitlines():
        # Suspension points: no-suspend-with-lock reports at them,
        # hostile-raii names them in a note.
        m = re.search(name + r":(\d+):\d+: (warning: coroutine suspended|note: suspension point)",
                      line)
        if m:
            lines.add(int(m.group(1)))
    return lines


class LockComparisonTest(unittest.TestCase):
    def test_side_by_side(self):
        wins = 0
        report = []
        for name in sorted(os.listdir(FIXTURES)):
            if not name.endswith(".cpp"):
                continue
            path = os.path.join(FIXTURES, name)
            truth = expected_lines(path)
            ours = asynclint_lines(path)
            theirs = clang_tidy_lines(path)
            self.assertEqual(ours, truth, name)
            # Nothing clang-tidy gets right that asynclint gets wrong.
            self.assertTrue((theirs & truth) <= ours, name)
            missed = sorted(truth - theirs)
            wrong = sorted(theirs - truth)
            wins += len(missed) + len(wrong)
            report.append(f"{name}: asynclint {len(ours)}/{len(truth)} right; clang-tidy "
                          f"missed lines {missed}, reported wrongly {wrong}")
        print("\n".join(report))
        self.assertGreater(wins, 0, "the fixtures show no difference from clang-tidy")


if __name__ == "__main__":
    unittest.main()
