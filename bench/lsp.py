"""Just enough of a language client to time a server's first diagnostics."""
import json
import os
import select
import subprocess
import time


class Client:
    def __init__(self, argv, cwd, env):
        self.proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.PIPE,
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
        return message.get("id")

    def receive(self, deadline):
        """The next message, or None at the deadline or the server's end."""
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
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.proc.stdout], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
            if not chunk:
                return None
            self.buffer += chunk

    def close(self):
        try:
            self.send("shutdown", None)
            self.send("exit", None, request=False)
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()


def time_to_diagnostics(argv, cwd, path, env, timeout):
    """Seconds from opening path to the server's first diagnostics for it,
    and how many async-* diagnostics those were; (None, 0) on timeout."""
    client = Client(argv, cwd, env)
    try:
        deadline = time.monotonic() + timeout
        initialize = client.send("initialize", {"processId": os.getpid(),
                                                "rootUri": "file://" + cwd, "capabilities": {}})
        while True:
            message = client.receive(deadline)
            if message is None:
                return None, 0
            if message.get("id") == initialize:
                break
        client.send("initialized", {}, request=False)
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        uri = "file://" + path
        start = time.monotonic()
        client.send("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}}, request=False)
        while True:
            message = client.receive(deadline)
            if message is None:
                return None, 0
            if message.get("method") == "textDocument/publishDiagnostics" and \
                    message["params"]["uri"] == uri:
                found = [d for d in message["params"]["diagnostics"]
                         if str(d.get("code", "")).startswith("async-")]
                return time.monotonic() - start, len(found)
    finally:
        client.close()
