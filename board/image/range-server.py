#!/usr/bin/env python3
"""Loopback HTTP server with byte ranges, for the image test: it serves the update stick's
image to QEMU's curl block driver, so the kiosk reads the bundle from "the network" one range
at a time, as a streaming install would, and every byte sent is counted.

usage: range-server.py DIR PORT_FILE LOG_FILE
  Serves DIR on 127.0.0.1 (a free port, written to PORT_FILE once listening); appends one
  line per request to LOG_FILE: "<bytes sent> <path> <range or ->".
"""
import http.server
import os
import re
import sys

ROOT, PORT_FILE, LOG_FILE = sys.argv[1], sys.argv[2], sys.argv[3]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # the counts go to LOG_FILE, not to stderr
        pass

    def _target(self):
        name = os.path.basename(self.path.split("?", 1)[0])
        path = os.path.join(ROOT, name)
        return path if name and os.path.isfile(path) else None

    def _count(self, sent, what):
        with open(LOG_FILE, "a", encoding="ascii") as log:
            log.write(f"{sent} {self.path} {what}\n")

    def _answer(self, with_body):
        path = self._target()
        if path is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        size = os.path.getsize(path)
        first, last, status = 0, size - 1, 200
        wanted = self.headers.get("Range")
        if wanted:
            m = re.fullmatch(r"bytes=(\d*)-(\d*)", wanted.strip())
            if not m or (not m.group(1) and not m.group(2)):
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if m.group(1):
                first = int(m.group(1))
                last = min(int(m.group(2)), size - 1) if m.group(2) else size - 1
            else:  # a suffix: the last N bytes
                first = max(size - int(m.group(2)), 0)
            if first > last:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = 206
        length = last - first + 1
        self.send_response(status)
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(length))
        if status == 206:
            self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.end_headers()
        if not with_body:
            self._count(0, "HEAD")
            return
        sent = 0
        with open(path, "rb") as f:
            f.seek(first)
            while sent < length:
                chunk = f.read(min(1 << 20, length - sent))
                if not chunk:
                    break
                self.wfile.write(chunk)
                sent += len(chunk)
        self._count(sent, wanted or "-")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".new", "w", encoding="ascii") as f:
    f.write(str(server.server_address[1]))
os.replace(PORT_FILE + ".new", PORT_FILE)
server.serve_forever()
