#!/usr/bin/env python3
"""Serves the browser build (build/web) on http://127.0.0.1:8080/ for local use.

Adds Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp (the
cross-origin isolation WebAssembly threads need; harmless without them), the application/wasm type,
and no-cache so a rebuilt app is picked up on reload. Listens on 127.0.0.1 only.

    python3 scripts/serve.py [--port 8080] [--dir build/web]
"""
import argparse
import functools
import http.server
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".data": "application/octet-stream",
        ".html": "text/html; charset=utf-8",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
    }

    def end_headers(self):
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt, *args):
        if not self.server.quiet:
            super().log_message(fmt, *args)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0: any free port)")
    ap.add_argument("--dir", default=os.path.join(ROOT, "build", "web"), help="folder to serve")
    ap.add_argument("--quiet", action="store_true", help="do not log requests")
    args = ap.parse_args()
    if not os.path.isfile(os.path.join(args.dir, "index.html")):
        print(f"serve.py: {args.dir}/index.html not found; run scripts/build_web.sh first", file=sys.stderr)
        return 1
    handler = functools.partial(Handler, directory=args.dir)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    server.quiet = args.quiet
    host, port = server.server_address[:2]
    print(f"Serving {os.path.relpath(args.dir, os.getcwd())} at http://{host}:{port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
