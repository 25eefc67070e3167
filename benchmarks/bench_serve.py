"""Benchmark of ``teikit serve``: throughput of OAI-PMH and DTS against static files.

    python benchmarks/bench_serve.py [--requests 500] [--concurrency 50]

Builds the edition (``tei/`` when it holds articles, else the test fixture) without
renderers, starts ``teikit serve`` on a free loopback port, and sends the same number of
concurrent requests of each kind, measured in this same run:

* a static TEI file of the site (the baseline: Starlette's StaticFiles);
* OAI-PMH ``GetRecord`` (oai_dc), ``ListRecords`` (oai_dc, one page);
* DTS navigation of a whole citation tree (``down=-1``) and a passage (``document&ref``).

Prints requests per second, the ratio to the baseline, and the number of failures.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from teikit import edition as model  # noqa: E402
from teikit.publish import dts  # noqa: E402
from teikit.publish.site import build  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def hammer(base: str, path: str, params: dict, count: int, concurrency: int) -> tuple[float, int]:
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        started = time.perf_counter()
        responses = await asyncio.gather(*(client.get(path, params=params) for _ in range(count)))
        elapsed = time.perf_counter() - started
    return count / elapsed, sum(r.status_code != 200 for r in responses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()
    source = ROOT / "tei" if any((ROOT / "tei").glob("*.xml")) else ROOT / "tests" / "fixtures" / "edition"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(source, site, formats=[])
        article = model.load([site / "tei"]).articles[0]
        units = dts.citation_trees(article)[0].units if dts.citation_trees(article) else []
        port = free_port()
        # --no-access-log: the figures are the server's, not a terminal printing 500 lines a second
        server = subprocess.Popen([sys.executable, "-m", "teikit", "serve", str(site), "--port", str(port),
                                   "--no-access-log"])
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    httpx.get(f"{base}/dts", timeout=2)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            kinds = [
                ("static TEI file (baseline)", f"/tei/{article.path.name}", {}),
                ("OAI GetRecord oai_dc", "/oai", {"verb": "GetRecord", "metadataPrefix": "oai_dc",
                                                  "identifier": f"oai:teikit.invalid:{article.id}"}),
                ("OAI ListRecords oai_dc", "/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}),
                ("DTS navigation down=-1", "/dts/navigation", {"resource": article.id, "down": "-1"}),
            ]
            if units:
                kinds.append(("DTS document ref", "/dts/document", {"resource": article.id,
                                                                    "ref": units[-1].identifier}))
            print(f"edition: {source}, {args.requests} requests per kind, {args.concurrency} at a time")
            baseline = None
            for label, path, params in kinds:
                rate, failures = asyncio.run(hammer(base, path, params, args.requests, args.concurrency))
                baseline = baseline or rate
                print(f"{label:<30} {rate:8.1f} req/s  {rate / baseline:6.2f} x baseline  failures {failures}",
                      flush=True)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
