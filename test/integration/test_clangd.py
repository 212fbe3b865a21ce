"""asynclint-clangd driven over LSP until it publishes async-* diagnostics."""
import os
import sys
import time
import unittest

from harness import CLANGD, ProjectTestCase


# The language client of the benchmark, which times the same exchange.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
import lsp  # noqa: E402


class LspClient(lsp.Client):
    def __init__(self, argv, cwd):
        super().__init__(argv, cwd, None)

    def open_document(self, root, path, text):
        """Initialises the server on \p root and opens \p path; its URI."""
        uri = "file://" + path
        self.send("initialize", {"processId": os.getpid(), "rootUri": "file://" + root,
                                 "capabilities": {}})
        self.send("initialized", {}, request=False)
        self.send("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}}, request=False)
        return uri

    def blocking_call_lines(self, uri, seconds=240):
        """The lines of the first published async-blocking-call diagnostics."""
        found = self.diagnostics(uri, "async-blocking-call", seconds)
        return sorted(d["range"]["start"]["line"] + 1 for d in found) if found else None

    def diagnostics(self, uri, code, seconds=240):
        """The first published diagnostics of \p code for \p uri, or None."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            message = self.receive(deadline)
            if message is None:
                return None
            if message.get("method") != "textDocument/publishDiagnostics" or \
                    message["params"]["uri"] != uri:
                continue
            found = [d for d in message["params"]["diagnostics"] if d.get("code") == code]
            if found:
                return found
        return None


class ClangdTest(ProjectTestCase):
    def test_publishes_async_diagnostics(self):
        with open(self.project.path(".clangd"), "w") as f:
            f.write("Diagnostics:\n  ClangTidy:\n    Add: [async-*]\n"
                    "    FastCheckFilter: None\n")
        client = LspClient([CLANGD, "--compile-commands-dir=" + self.project.root,
                            "--log=error"], self.project.root)
        self.addCleanup(client.close)
        with open(self.project.path("src/server.cpp")) as f:
            text = f.read()
        uri = client.open_document(self.project.root, self.project.path("src/server.cpp"), text)
        found = client.diagnostics(uri, "async-blocking-call")
        if found:
            lines = sorted(d["range"]["start"]["line"] + 1 for d in found)
            self.assertEqual(lines, [10, 12, 17])
            self.assertIn("blocking call to", found[0]["message"].lower())
            return
        self.fail("no async-blocking-call diagnostic was published")


if __name__ == "__main__":
    unittest.main()
