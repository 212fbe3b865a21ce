"""asynclint-clangd driven over LSP until it publishes async-* diagnostics."""
import json
import os
import select
import subprocess
import time
import unittest

from harness import CLANGD, ProjectTestCase


class LspClient:
    def __init__(self, argv, cwd):
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 1
        self.buffer = b""

    def send(self, method, params, request=True):
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            message["id"] = self.next_id
            self.next_id += 1
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def receive(self, deadline):
        while True:
            header_end = self.buffer.find(b"\r\n\r\n")
            if header_end >= 0:
                headers = self.buffer[:header_end].decode()
                length = int(next(h.split(":")[1] for h in headers.split("\r\n")
                                  if h.lower().startswith("content-length")))
                if len(self.buffer) >= header_end + 4 + length:
                    body = self.buffer[header_end + 4:header_end + 4 + length]
                    self.buffer = self.buffer[header_end + 4 + length:]
                    return json.loads(body)
            remaining = deadline - time.time()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.proc.stdout], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buffer += chunk

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
        deadline = time.time() + seconds
        while time.time() < deadline:
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

    def close(self):
        try:
            self.send("shutdown", None)
            self.send("exit", None, request=False)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


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
