"""A small misbehaving SPARQL server for the client's hostile-server tests.

``FakeServer(handler)`` serves on 127.0.0.1, port 0 (a free one), in a thread; ``handler`` is
called with the request (method, path, headers, body) and returns what to do: a status, headers
and a body (bytes, or an iterator of chunks sent with pauses), so a test can play a server
that trickles, lies about its answer's shape, or sends gigabytes.
"""

from __future__ import annotations

import http.server
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Reply:
    status: int = 200
    body: object = b""  # bytes or an iterable of bytes chunks
    content_type: str = "application/sparql-results+json"
    headers: dict = field(default_factory=dict)
    pause: float = 0.0  # seconds between chunks


@dataclass
class Seen:
    method: str
    path: str
    headers: dict
    body: bytes


class FakeServer:
    def __init__(self, handler):
        self.handler = handler
        self.requests: list[Seen] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _body(self) -> bytes:
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    out = []
                    while True:
                        size = int(self.rfile.readline().strip() or b"0", 16)
                        if size == 0:
                            self.rfile.readline()
                            return b"".join(out)
                        out.append(self.rfile.read(size))
                        self.rfile.readline()
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def _serve(self):
                seen = Seen(self.command, self.path, dict(self.headers), self._body())
                outer.requests.append(seen)
                reply = outer.handler(seen)
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    if isinstance(reply.body, bytes):
                        self.send_header("Content-Length", str(len(reply.body)))
                        self.send_header("Connection", "close")
                        self.end_headers()
                        self.wfile.write(reply.body)
                        return
                    self.send_header("Connection", "close")
                    self.end_headers()
                    for chunk in reply.body:
                        self.wfile.write(chunk)
                        self.wfile.flush()
                        if reply.pause:
                            time.sleep(reply.pause)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
