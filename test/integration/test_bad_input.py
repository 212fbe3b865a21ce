"""Bad input: a clear message, a documented exit status, nothing lost."""
import json
import os
import signal
import stat
import subprocess
import tempfile
import time
import unittest

from harness import ASYNCLINT, CLANGXX, Project, ProjectTestCase, run, validate_sarif


# Minutes of constant evaluation, with -fconstexpr-steps raised.
SLOW_UNIT = ("constexpr long spin() { long s = 0; for (long i = 0; i < 4000000000; ++i) "
             "s += i % 7; return s; }\nstatic_assert(spin() > 0);\n")


def children_of(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except FileNotFoundError:
        return []


def is_running(pid):
    """Whether the process \p pid has not ended (a zombie has)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_for(condition, seconds):
    """Polls \p condition until it holds or \p seconds pass; its last value."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


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

    def write(self, relative, text):
        with open(self.project.path(relative), "w") as f:
            f.write(text)

    def failures_next_to_server(self, units, args=()):
        """Analyses server.cpp with \p units; returns the failures by file
        after checking that server.cpp's findings are all there."""
        self.project.write_database(["src/server.cpp"] + units)
        status, out, err = run(["-p", self.project.root, "--format=json"] + list(args),
                               cwd=self.project.root)
        self.assertEqual(status, 3, out + err)
        report = json.loads(out)
        self.assertEqual(sum(f["file"] == "src/server.cpp" for f in report["findings"]), 3)
        return {f["file"]: f["message"] for f in report["failures"]}

    def test_devices_and_fifos_are_never_read(self):
        fifo = self.project.path("src/pipe.h")
        os.mkfifo(fifo)
        self.write("src/zero.cpp", '#include "/dev/zero"\nint zero;\n')
        self.write("src/fifo.cpp", '#include "pipe.h"\nint fifo;\n')
        failures = self.failures_next_to_server(["src/zero.cpp", "src/fifo.cpp"])
        self.assertEqual(failures, {"src/zero.cpp": "the file has compile errors",
                                    "src/fifo.cpp": "the file has compile errors"})
        _, out, _ = run(["-p", self.project.root], cwd=self.project.root)
        self.assertIn("cannot open file '/dev/zero': not a regular file", out)
        self.assertIn("pipe.h': not a regular file", out)

    def test_a_compile_command_never_loads_code(self):
        # A plugin named by the compile command would run inside the
        # analyser: it is never loaded.
        marker = self.project.path("loaded")
        self.write("plugin.cpp", '#include <cstdio>\n__attribute__((constructor)) static void '
                                 'loaded() { std::fclose(std::fopen("%s", "w")); }\n' % marker)
        plugin = self.project.path("plugin.so")
        subprocess.run([CLANGXX, "-shared", "-fPIC", self.project.path("plugin.cpp"), "-o",
                        plugin], check=True)
        for flags in (["-fplugin=" + plugin], ["-fpass-plugin=" + plugin],
                      ["-Xclang", "-load", "-Xclang", plugin]):
            status, out, err = run(["src/server.cpp", "--", "-std=c++20",
                                    "-I" + self.project.path("include")] + flags,
                                   cwd=self.project.root)
            self.assertEqual(status, 1, out + err)
            self.assertIn("server.cpp:17:", out)
            self.assertFalse(os.path.exists(marker), flags)

    def test_deep_template_recursion_and_a_long_unit(self):
        self.write("src/deep.cpp", "template <int N> struct Deep { static constexpr int value = "
                                   "Deep<N + 1>::value; };\nint deep = Deep<0>::value;\n")
        self.write("src/long.cpp", "".join(f"int f{i}(int x) {{ return x + {i}; }}\n"
                                           for i in range(100000)))
        failures = self.failures_next_to_server(["src/deep.cpp", "src/long.cpp"])
        # The long unit is analysed; the recursion is the compiler's error.
        self.assertEqual(failures, {"src/deep.cpp": "the file has compile errors"})

    def test_a_unit_over_its_time_limit_is_stopped(self):
        self.write("src/slow.cpp", SLOW_UNIT)
        # Long enough for server.cpp in a sanitized build; slow.cpp would
        # take minutes.
        limit = 30 if os.environ.get("ASYNCLINT_SANITIZED") else 5
        failures = self.failures_next_to_server(
            ["src/slow.cpp"],
            [f"--unit-timeout={limit}", "--extra-arg=-fconstexpr-steps=2147483647"])
        self.assertEqual(failures,
                         {"src/slow.cpp": f"the analysis of this file was stopped after {limit} s "
                                          "(--unit-timeout)"})

    def test_workers_end_with_the_run(self):
        # A run ended from outside (a cancelled CI job, a timeout around it)
        # takes the unit it was analysing with it, whatever the signal.
        self.write("src/slow.cpp", SLOW_UNIT)
        self.project.write_database(["src/slow.cpp"])
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with self.subTest(signal=sig.name):
                proc = subprocess.Popen(
                    [ASYNCLINT, "-p", self.project.root, "--no-cache", "-j1",
                     "--extra-arg=-fconstexpr-steps=2147483647"],
                    cwd=self.project.root, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL)
                worker = wait_for(lambda: children_of(proc.pid), 60)
                self.assertTrue(worker, "no worker started")
                os.kill(proc.pid, sig)
                proc.wait(timeout=60)
                self.assertTrue(wait_for(lambda: not is_running(worker[0]), 30),
                                f"worker {worker[0]} still running after {sig.name}")

    @unittest.skipIf(os.environ.get("ASYNCLINT_SANITIZED"),
                     "a sanitizer's shadow memory exceeds any limit on a worker")
    def test_a_unit_over_its_memory_limit_is_stopped(self):
        self.write("src/big.cpp", "constexpr int fill() { int *p = new int[400000000]; p[0] = 1; "
                                  "int r = p[0]; delete[] p; return r; }\n"
                                  "static_assert(fill() == 1);\n")
        failures = self.failures_next_to_server(
            ["src/big.cpp"], ["--unit-memory=1024", "--extra-arg=-fconstexpr-steps=2147483647"])
        self.assertEqual(failures, {"src/big.cpp": "the analysis of this file needed more than "
                                                   "1024 MiB (--unit-memory)"})

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


class ClosedStandardStreamsTest(ProjectTestCase):
    def test_closed_stdout_and_stderr_write_into_no_file(self):
        # The shell's `>&- 2>&-`: the report and the summary go nowhere, and
        # no file the run opens (the merged facts, the cache) receives them.
        for closed in ([1], [2], [1, 2]):
            with self.subTest(closed=closed):
                script = ("import os, subprocess, sys\n"
                          f"for fd in {closed}: os.close(fd)\n"
                          "sys.exit(subprocess.call(sys.argv[1:], close_fds=False))\n")
                status = subprocess.call(
                    ["python3", "-c", script, ASYNCLINT, "-p", self.project.root],
                    cwd=self.project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                self.assertEqual(status, 1)
                with open(self.project.path(".asynclint/facts/merged.json")) as f:
                    merged = json.load(f)
                self.assertEqual(merged["kind"], "project")
                _, out, _ = run(["-p", self.project.root, "--format=json"],
                                cwd=self.project.root, check_status=1)
                self.assertTrue(json.loads(out)["findings"])


class InvalidUtf8Test(ProjectTestCase):
    def test_a_latin1_source_line_keeps_its_findings_in_every_format(self):
        with open(self.project.path("src/server.cpp"), "rb") as f:
            lines = f.read().split(b"\n")
        # A comment in Latin-1 on the line a finding shows.
        lines[16] += b" // caf\xe9 cr\xe8me"
        with open(self.project.path("src/latin.cpp"), "wb") as f:
            f.write(b"\n".join(lines))
        self.project.write_database(["src/latin.cpp", "src/clean.cpp"])
        for fmt in ("text", "json", "sarif", "github", "codequality"):
            with self.subTest(format=fmt):
                proc = subprocess.run([ASYNCLINT, "-p", self.project.root, "--format=" + fmt],
                                      cwd=self.project.root, capture_output=True, timeout=600)
                self.assertEqual(proc.returncode, 1, proc.stderr)
                self.assertIn(b"latin.cpp", proc.stdout)
                # The machine-readable formats are valid UTF-8 JSON.
                if fmt in ("json", "sarif", "codequality"):
                    json.loads(proc.stdout.decode("utf-8"))
        report = self.project.path("out.sarif")
        run(["-p", self.project.root, "--format=sarif", "-o", report], cwd=self.project.root,
            check_status=1)
        validate_sarif(self, report)
        _, out, _ = run(["-p", self.project.root, "--format=json"], cwd=self.project.root)
        lines17 = [f for f in json.loads(out)["findings"] if f["line"] == 17]
        self.assertTrue(lines17)

    def lint_bytes(self, sources, fmt, expected_status=1):
        """Runs asynclint on \p sources (paths as bytes) with the project's
        flags; its (stdout, stderr) as bytes."""
        include = os.fsencode(self.project.path("include"))
        proc = subprocess.run([os.fsencode(ASYNCLINT), b"--format=" + fmt.encode()] + sources
                              + [b"--", b"-std=c++20", b"-I" + include],
                              cwd=self.project.root, capture_output=True, timeout=600)
        self.assertEqual(proc.returncode, expected_status, proc.stderr)
        return proc.stdout, proc.stderr

    def test_a_file_name_that_is_not_utf8_keeps_its_bytes_where_the_format_allows(self):
        name = os.path.join(os.fsencode(self.project.root), b"src", b"caf\xe9.cpp")
        with open(self.project.path("src/server.cpp"), "rb") as f, open(name, "wb") as out:
            out.write(f.read())
        clean = os.fsencode(self.project.path("src/clean.cpp"))
        # Twice: the second run takes the first's results from the cache.
        for attempt in ("cold", "cached"):
            reports = {fmt: self.lint_bytes([name, clean], fmt)
                       for fmt in ("text", "json", "sarif", "github", "codequality")}
            with self.subTest(run=attempt):
                for fmt, (out, err) in reports.items():
                    # Every report is valid UTF-8, and every unit's facts were kept.
                    out.decode("utf-8")
                    self.assertNotIn(b"ignoring facts", err, fmt)
                sarif = json.loads(reports["sarif"][0])
                uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                        for r in sarif["runs"][0]["results"]}
                # SARIF keeps the name's bytes, percent-encoded.
                self.assertIn("src/caf%E9.cpp", uris)
                findings = json.loads(reports["json"][0])["findings"]
                self.assertIn("src/caf\ufffd.cpp", {f["file"] for f in findings})
                self.assertIn("caf\ufffd.cpp:17:".encode(), reports["text"][0])

    def test_a_binary_file_is_a_unit_with_compile_errors(self):
        blob = os.fsencode(self.project.path("src/blob.cpp"))
        with open(blob, "wb") as f:
            f.write(bytes(range(256)) * 4 + b"\x1b[2J\x1b]0;title\x07\n" + b"\xff\xfe" * 64)
        clean = os.fsencode(self.project.path("src/server.cpp"))
        for fmt in ("text", "github"):
            with self.subTest(format=fmt):
                out, err = self.lint_bytes([blob, clean], fmt, expected_status=3)
                text = (out + err).decode("utf-8")
                self.assertIn("the file has compile errors", text)
                self.assertNotIn("crashed", text)
                self.assertNotIn("\x1b", text)
                self.assertNotIn("\x07", text)
                # The other unit's findings are all there.
                self.assertIn("server.cpp", out.decode("utf-8"))
                self.assertIn("async-blocking-call", out.decode("utf-8"))


def limited_run(args, cwd, seconds=120):
    """Runs asynclint with a bound on time and address space, so that a read
    without end fails the test instead of the machine."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))

    try:
        proc = subprocess.run([ASYNCLINT] + list(args), cwd=cwd, capture_output=True, text=True,
                              timeout=seconds, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"asynclint {' '.join(args)} did not end in {seconds} s")
    return proc.returncode, proc.stdout, proc.stderr


class UnboundedInputTest(ProjectTestCase):
    """Every file asynclint reads is a regular file of bounded size."""

    def assertRefused(self, args, expected, cwd=None):
        status, out, err = limited_run(args, cwd or self.project.root)
        self.assertEqual(status, 2, out + err)
        self.assertIn(expected, err)
        self.assertNotIn("Stack dump", err)

    def test_options_naming_a_device_or_a_fifo(self):
        fifo = self.project.path("pipe")
        os.mkfifo(fifo)
        for option, what in (("--baseline", "baseline"), ("--config-file", "configuration file")):
            for path in ("/dev/zero", fifo):
                with self.subTest(option=option, path=path):
                    kind = "a device" if path == "/dev/zero" else "a FIFO"
                    self.assertRefused(["-p", self.project.root, f"{option}={path}"],
                                       f"cannot read {what} '{path}': is {kind}, not a regular file")

    def test_a_database_or_flags_file_that_is_not_a_file(self):
        os.remove(self.project.path("compile_commands.json"))
        os.symlink("/dev/zero", self.project.path("compile_commands.json"))
        self.assertRefused(["-p", self.project.root], "cannot read compilation database")
        os.remove(self.project.path("compile_commands.json"))
        os.mkfifo(self.project.path("compile_flags.txt"))
        self.assertRefused([self.project.path("src/clean.cpp")],
                           "compile_flags.txt': is a FIFO, not a regular file")

    def test_a_response_file_that_is_a_device(self):
        with open(self.project.path("compile_commands.json")) as f:
            entries = json.load(f)
        entries[0]["arguments"].insert(1, "@/dev/zero")
        with open(self.project.path("compile_commands.json"), "w") as f:
            json.dump(entries, f)
        status, out, err = limited_run(["-p", self.project.root, "--format=json"],
                                       self.project.root)
        self.assertIn(status, (1, 3), err)
        report = json.loads(out)
        # The other units keep their findings.
        self.assertTrue(any(f["file"].endswith("server.cpp") or "legacy" in f["file"]
                            for f in report["findings"]) or report["failures"], out)
        self.assertIn("/dev/zero", err + out)

    def test_merge_refuses_a_device(self):
        self.assertRefused(["merge", "/dev/zero"], "cannot read report '/dev/zero': is a device")

    def test_a_clang_tidy_file_that_is_a_device(self):
        os.symlink("/dev/zero", self.project.path("src/.clang-tidy"))
        self.assertRefused(["-p", self.project.root],
                           "src/.clang-tidy': is a device, not a regular file")

    def test_cache_and_facts_entries_that_are_not_files_are_replaced(self):
        limited_run(["-p", self.project.root, "--format=json"], self.project.root)
        entries = []
        for top in (".asynclint/cache", ".asynclint/facts"):
            for folder, _, files in os.walk(self.project.path(top)):
                entries += [os.path.join(folder, f) for f in files
                            if f.endswith((".json", ".cbor")) and f != "merged.json"]
        self.assertTrue(entries)
        for index, entry in enumerate(entries):
            os.remove(entry)
            if index % 2:
                os.mkfifo(entry)
            else:
                os.symlink("/dev/zero", entry)
        status, out, err = limited_run(["-p", self.project.root, "--format=json"],
                                       self.project.root)
        self.assertEqual(status, 1, err)
        self.assertTrue(json.loads(out)["findings"])
        for entry in entries:
            self.assertTrue(stat.S_ISREG(os.lstat(entry).st_mode), entry)


class OutputsNeverReplaceInputsTest(ProjectTestCase):
    def assertRefusedOutput(self, args, expected, protected):
        with open(protected, "rb") as f:
            before = f.read()
        status, out, err = run(["-p", self.project.root] + args, cwd=self.project.root)
        self.assertEqual(status, 2, out + err)
        self.assertIn(expected, err)
        with open(protected, "rb") as f:
            self.assertEqual(f.read(), before)

    def test_report_onto_an_analysed_source_or_the_database(self):
        source = self.project.path("src/server.cpp")
        self.assertRefusedOutput(["-o", source], "is the input", source)
        alias = self.project.path("alias.txt")
        os.symlink(source, alias)
        self.assertRefusedOutput(["-o", alias], "is the input", source)
        database = self.project.path("compile_commands.json")
        self.assertRefusedOutput(["-o", database, "--format=json"], "is the input", database)

    def test_report_or_fixes_onto_a_header(self):
        header = self.project.path("include/task.h")
        self.assertRefusedOutput(["--export-fixes", header], "is a C or C++ source file", header)
        self.assertRefusedOutput(["-o", header], "is a C or C++ source file", header)

    def test_a_full_standard_output_is_an_error(self):
        with open("/dev/full", "w") as full:
            proc = subprocess.run([ASYNCLINT, "-p", self.project.root], cwd=self.project.root,
                                  stdout=full, stderr=subprocess.PIPE, text=True, timeout=600)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("cannot write the report to standard output", proc.stderr)

    def test_a_stopped_run_leaves_no_temporary_files(self):
        scratch = tempfile.mkdtemp()
        self.addCleanup(lambda: subprocess.call(["rm", "-rf", scratch]))
        with open(self.project.path("src/slow.cpp"), "w") as f:
            f.write(SLOW_UNIT)
        self.project.write_database(["src/clean.cpp", "src/slow.cpp"])
        env = dict(os.environ, TMPDIR=scratch)
        for sig in (signal.SIGINT, signal.SIGTERM):
            with self.subTest(signal=sig.name):
                proc = subprocess.Popen(
                    [ASYNCLINT, "-p", self.project.root, "--no-cache", "-j2",
                     "-o", self.project.path("report.sarif"), "--format=sarif",
                     "--extra-arg=-fconstexpr-steps=2147483647"],
                    cwd=self.project.root, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL, env=env)
                self.assertTrue(wait_for(lambda: children_of(proc.pid), 60), "no worker started")
                time.sleep(1)
                os.kill(proc.pid, sig)
                proc.wait(timeout=60)
                self.assertEqual(os.listdir(scratch), [])
                self.assertEqual([f for f in os.listdir(self.project.root) if ".tmp" in f], [])


class SymlinkedWorkingDirectoryTest(ProjectTestCase):
    def test_reports_from_a_symlinked_checkout_name_files_as_from_the_real_one(self):
        scratch = tempfile.mkdtemp()
        self.addCleanup(lambda: subprocess.call(["rm", "-rf", scratch]))
        link = os.path.join(scratch, "checkout")
        os.symlink(self.project.root, link)

        def report(cwd, fmt):
            env = dict(os.environ, PWD=cwd)
            proc = subprocess.run([ASYNCLINT, "-p", ".", "--no-cache", f"--format={fmt}"],
                                  cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
            self.assertEqual(proc.returncode, 1, proc.stderr)
            return proc.stdout

        def locations(sarif):
            run_ = json.loads(sarif)["runs"][0]
            return [(r["locations"][0]["physicalLocation"]["artifactLocation"],
                     r["partialFingerprints"]) for r in run_["results"]]

        real = locations(report(self.project.root, "sarif"))
        linked = locations(report(link, "sarif"))
        self.assertEqual(linked, real)
        self.assertTrue(all(uri.get("uriBaseId") == "%SRCROOT%" for uri, _ in linked), linked)
        self.assertIn("\nsrc/server.cpp:", "\n" + report(link, "text"))
