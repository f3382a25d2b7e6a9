#!/usr/bin/env python3
"""A local webhook receiver for the demo: prints each alert the serving layer POSTs, keeps it in a file, answers 204.

usage: webhook_receiver.py PORT FILE
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    if len(sys.argv) != 3 or sys.argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(sys.argv) == 2 else 2
    port, path = int(sys.argv[1]), sys.argv[2]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8", "replace")
            with open(path, "a", encoding="utf-8") as out:
                out.write(body.strip() + "\n")
            try:
                text = json.loads(body).get("text", body)
            except ValueError:
                text = body
            print(f"\033[1m==>\033[0m webhook {self.path} received: {text}", flush=True)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
