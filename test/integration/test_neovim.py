"""Neovim's built-in language client (0.7, as Debian bookworm ships it) with
asynclint-clangd: the async-* diagnostics reach the editor's buffers, follow
an edit, and a quick fix is applied through a code action."""
import json
import os
import shutil
import signal
import subprocess
import unittest

from harness import CLANGD, CLANGXX, HERE, ProjectTestCase

NVIM = shutil.which("nvim")
# Every wait of the session together; Neovim is killed a little later.
SESSION_SECONDS = 120

DOCUMENTED_PATH = "'/usr/bin/asynclint-clangd'"


def documented_init():
    """The init.lua that docs/editors.md shows for Neovim 0.7 (which has
    neither vim.lsp.start nor nvim-lspconfig in Debian), as a format string
    for the server's path: the test runs what users copy."""
    with open(os.path.join(HERE, "..", "..", "docs", "editors.md")) as f:
        text = f.read()
    blocks = [b for b in text.split("```lua\n")[1:] if "vim.lsp.start_client" in b]
    assert len(blocks) == 1, "docs/editors.md should show one Neovim 0.7 init"
    init = blocks[0].split("```", 1)[0]
    assert DOCUMENTED_PATH in init, init
    return init.replace("%", "%%").replace(DOCUMENTED_PATH, "%s")


COMBINED = ("  auto [user, orders, quota] = co_await (fetch_user(id) && "
            "fetch_orders(id) && fetch_quota(region));")


@unittest.skipUnless(CLANGD and NVIM, "needs asynclint-clangd and nvim")
class NeovimTest(ProjectTestCase):
    def setUp(self):
        super().setUp()
        project = self.project
        shutil.copy(os.path.join(HERE, "fixits", "asio_operators.cpp"),
                    project.path("src/asio_operators.cpp"))
        # The database only in build/, where the init's --compile-commands-dir
        # points: without it clangd would guess the flags and see no coroutines.
        os.remove(project.path("compile_commands.json"))
        os.mkdir(project.path("build"))
        project.write_database(["src/server.cpp"], name="build/compile_commands.json")
        with open(project.path("build/compile_commands.json")) as f:
            entries = json.load(f)
        source = project.path("src/asio_operators.cpp")
        entries.append({"directory": project.root, "file": source,
                        "arguments": [CLANGXX, "-std=c++20", "-DASIO_HAS_CO_AWAIT",
                                      "-DASIO_HAS_STD_COROUTINE", "-c", source]})
        with open(project.path("build/compile_commands.json"), "w") as f:
            json.dump(entries, f)
        with open(project.path(".clangd"), "w") as f:
            f.write("Diagnostics:\n  ClangTidy:\n    Add: [async-*]\n"
                    "    FastCheckFilter: None\n")
        # Neovim's own files (the language client's log among them) stay in
        # the scratch folder.
        self.home = project.path(".nvim")
        os.mkdir(self.home)
        self.init = os.path.join(self.home, "init.lua")
        with open(self.init, "w") as f:
            f.write(documented_init() % json.dumps(CLANGD))

    def run_session(self):
        """Runs the editing session; its JSON results."""
        result_path = os.path.join(self.home, "result.json")
        env = dict(os.environ, ASYNCLINT_NVIM_RESULT=result_path,
                   ASYNCLINT_NVIM_SECONDS=str(SESSION_SECONDS),
                   ASYNCLINT_NVIM_SESSION=os.path.join(HERE, "neovim", "session.lua"))
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[var] = self.home
        argv = [NVIM, "--headless", "-u", self.init, "--noplugin", "-i", "NONE", "-n",
                "-c", "lua dofile(vim.env.ASYNCLINT_NVIM_SESSION)"]
        proc = subprocess.Popen(argv, cwd=self.project.root, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            output, _ = proc.communicate(timeout=SESSION_SECONDS + 30)
            finished = True
        except subprocess.TimeoutExpired:
            # Neovim and the server it started.
            os.killpg(proc.pid, signal.SIGKILL)
            output, _ = proc.communicate()
            finished = False
        if not finished:
            self.fail("Neovim did not finish the session; killed:\n" + self.log(output))
        if not os.path.exists(result_path):
            self.fail(f"Neovim exited {proc.returncode} without results:\n" + self.log(output))
        with open(result_path) as f:
            result = json.load(f)
        if "error" in result:
            self.fail(result["error"] + "\n" + self.log(output))
        return result

    def log(self, output):
        text = output.decode(errors="replace")
        log_path = os.path.join(self.home, "nvim", "lsp.log")
        if os.path.exists(log_path):
            with open(log_path, errors="replace") as f:
                text += "\nlsp.log (end):\n" + f.read()[-4000:]
        return text

    def test_diagnostics_edit_and_quick_fix(self):
        result = self.run_session()

        def lines(found, code):
            return [d["line"] for d in found if d["code"] == code]

        opened = result["opened"]
        self.assertEqual(lines(opened, "async-blocking-call"), [10, 12, 17], opened)
        self.assertTrue(all(d["source"] == "clang-tidy" for d in opened), opened)
        self.assertIn("blocking call to", opened[0]["message"].lower())
        # The inserted line 14 is reported, the call below it moved to 18.
        edited = result["edited"]
        self.assertEqual(lines(edited, "async-blocking-call"), [10, 12, 14, 18], edited)
        self.assertIn("sleep_for", next(d for d in edited if d["line"] == 14)["message"])

        self.assertEqual(lines(result["before_fix"], "async-sequential-await"), [20, 30, 38],
                         result["before_fix"])
        self.assertIn({"kind": "quickfix", "diagnostics": ["async-sequential-await"]},
                      [{"kind": a["kind"], "diagnostics": a["diagnostics"]}
                       for a in result["actions"]], result["actions"])
        # The three awaits became one: lines 20-22 are now line 20.
        fixed = result["fixed_lines"]
        self.assertEqual(fixed[19], COMBINED, fixed)
        self.assertTrue(fixed[20].startswith("  co_return static_cast<int>"), fixed)
        self.assertEqual(fixed[26:28], ["  auto quota = co_await fetch_quota(region);",
                                        "  auto user = co_await fetch_user(id + quota);"])
        self.assertEqual(lines(result["after_fix"], "async-sequential-await"), [28, 36],
                         result["after_fix"])


if __name__ == "__main__":
    unittest.main()
