"""Check every link of the built help site, served over HTTP as a static host serves it.

    .venv/bin/python scripts/check_site_links.py site

LinkChecker (PyPI) follows every internal link from both home pages and exits non-zero
on a broken one. It is given http:// rather than file:// URLs because, started as root
(as in CI containers), it switches to the user nobody, who may not read a build folder
under a private temporary directory; over HTTP it needs no file access at all.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class LocalSiteHandler(SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        # LinkChecker waits at least 0.1 s between requests to a host unless the host
        # answers with this header; then linkcheckerrc's own rate applies.
        self.send_header("LinkChecker", "local build, check at full speed")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """LinkChecker reports what matters; one line per request would bury it."""


def main(site: Path) -> int:
    if not (site / "index.html").exists():
        print(f"{site}: no built site here; run `mkdocs build --strict` first", file=sys.stderr)
        return 2
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(LocalSiteHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    linkchecker = Path(sys.executable).parent / "linkchecker"
    settings = Path(__file__).with_name("linkcheckerrc")
    try:
        return subprocess.run(
            [
                str(linkchecker),
                "--config",
                str(settings),
                "--no-status",
                "--no-warnings",
                "--no-robots",
                root,
                f"{root}zh/",
            ],
            check=False,
        ).returncode
    finally:
        server.shutdown()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
