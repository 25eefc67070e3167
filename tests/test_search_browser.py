"""The site search (search.html, Pagefind) used in a real browser, as a reader would.

A small site is built with ``teikit build``, served over HTTP on 127.0.0.1 (``teikit serve``
as a subprocess; for the hosted-under-a-folder case, Python's http.server serving the
folder above the site), and Debian's headless chromium is driven through the DevTools
protocol over a pipe (no extra package): it opens search.html, types a Turkish query into
Pagefind's box, reads the result links, and ticks a filter. Real time, no mocks.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from publish_helpers import free_port, serve
from teikit.publish.site import build

EDITION = Path(__file__).parent / "fixtures" / "edition"
ARTICLE = "html/sample-article.html"

# types the query, waits for results, optionally ticks the filter whose label starts with
# the given name and waits for the list to change; returns the result links and messages
SEARCH_JS = """(async (query, filter) => {
  const wait = async (test, what) => {
    for (let i = 0; i < 1200; i++) { const v = test(); if (v) return v; await new Promise(r => setTimeout(r, 50)); }
    throw new Error('timed out waiting for ' + what);
  };
  // the result links, once every listed result has loaded (they fill in one by one)
  const links = () => {
    const items = [...document.querySelectorAll('.pagefind-ui__result')];
    const found = items.map(r => r.querySelector('.pagefind-ui__result-link')).filter(a => a);
    return found.length === items.length ? found.map(a => a.getAttribute('href')) : [];
  };
  const message = () => (document.querySelector('.pagefind-ui__message') || {}).textContent || '';
  const input = await wait(() => document.querySelector('.pagefind-ui__search-input'), 'the search box');
  input.value = query;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  const all = await wait(() => links().length && !message().endsWith('...') ? links() : null, 'results');
  // the results whose excerpt marks the query's words (the others match the article's title)
  const marked = [...document.querySelectorAll('.pagefind-ui__result')]
    .filter(r => r.querySelector('.pagefind-ui__result-excerpt mark'))
    .map(r => r.querySelector('.pagefind-ui__result-link').getAttribute('href'));
  const titles = [...document.querySelectorAll('.pagefind-ui__result-title')].map(t => t.textContent.trim());
  const out = {all, marked, titles, message: message(), filters: [...document.querySelectorAll('.pagefind-ui__filter-checkbox')]
                 .map(c => c.labels[0].textContent.trim())};
  if (filter) {
    const box = [...document.querySelectorAll('.pagefind-ui__filter-checkbox')]
      .find(c => c.labels[0].textContent.trim().startsWith(filter));
    if (!box) throw new Error('no filter ' + filter + ' among ' + out.filters);
    box.click();
    out.filtered = await wait(() => JSON.stringify(links()) !== JSON.stringify(all) && links().length
                              ? links() : null, 'filtered results');
  }
  return out;
})"""


class Chromium:
    """Headless chromium driven through the DevTools protocol on a pipe (fds 3 and 4)."""

    def __init__(self, profile: Path) -> None:
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        assert exe, "Debian's chromium is needed (apt-get install chromium; .ci/run installs it)"
        to_chromium, self._to_us = os.pipe(), os.pipe()
        self.process = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
             "--disable-background-networking", "--disable-component-update", "--remote-debugging-pipe",
             f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(3, 4), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=lambda: (os.dup2(to_chromium[0], 3), os.dup2(self._to_us[1], 4)))
        os.close(to_chromium[0])
        os.close(self._to_us[1])
        self._out, self._in = to_chromium[1], self._to_us[0]
        self._buffer, self._next = b"", 0
        page = next(t for t in self.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]

    def call(self, method: str, session: str | None = None, **params) -> dict:
        """Send one DevTools command and return its result (an error fails the test)."""
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                assert select.select([self._in], [], [], 120)[0], f"chromium did not answer {method}"
                chunk = os.read(self._in, 1 << 16)
                assert chunk, f"chromium closed the pipe during {method}"
                self._buffer += chunk
            line, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(line)
            if reply.get("id") == self._next:
                assert "error" not in reply, f"{method}: {reply['error']}"
                return reply["result"]

    def open(self, url: str) -> None:
        """Navigate the page to *url* and wait until it has loaded."""
        self.call("Page.navigate", self.session, url=url)
        deadline = time.monotonic() + 30
        while self.evaluate("document.readyState + ' ' + location.href") != f"complete {url}":
            assert time.monotonic() < deadline, f"{url} did not load"
            time.sleep(0.05)

    def evaluate(self, expression: str):
        """The value of *expression* in the page (a promise is awaited); a JS error fails the test."""
        for _ in range(50):       # a navigation in flight destroys the context: try again
            reply = self.call("Runtime.evaluate", self.session, expression=expression,
                              awaitPromise=True, returnByValue=True)
            if "exceptionDetails" not in reply:
                return reply["result"].get("value")
            if "context" not in json.dumps(reply["exceptionDetails"]):
                raise AssertionError(reply["exceptionDetails"].get("exception", reply["exceptionDetails"]))
            time.sleep(0.1)
        raise AssertionError(f"could not evaluate {expression[:60]}")

    def search(self, url: str, query: str, filter_: str | None = None) -> dict:
        """Open the search page at *url*, type *query*, tick *filter_*; what the reader sees."""
        self.open(url)
        return self.evaluate(f"{SEARCH_JS}({json.dumps(query)}, {json.dumps(filter_)})")

    def close(self) -> None:
        try:
            self.call("Browser.close")
            self.process.wait(timeout=10)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        os.close(self._out)
        os.close(self._in)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The sample edition built as a site at the server root, served by ``teikit serve``."""
    site = tmp_path_factory.mktemp("search") / "site"
    build(EDITION, site, base_url="http://127.0.0.1/", formats=["html"])
    with serve(site) as base:
        yield base + "/"


def test_turkish_query_lists_the_paragraph_with_a_link_to_its_anchor(browser, site_url):
    seen = browser.search(site_url + "search.html", "Moskova")
    assert seen["all"][0] == f"/{ARTICLE}#smpl-p2" and seen["marked"] == [f"/{ARTICLE}#smpl-p2"]
    assert httpx.get(site_url + ARTICLE).text.count('id="smpl-p2"') == 1


def test_inflected_forms_reach_the_same_paragraphs_by_stemming(browser, site_url):
    assert browser.search(site_url + "search.html", "Moskova’ya")["marked"] == [f"/{ARTICLE}#smpl-p2"]
    assert browser.search(site_url + "search.html", "tüfekler")["marked"] == [f"/{ARTICLE}#smpl-p2"]


def test_person_filter_narrows_results_to_the_paragraphs_naming_the_person(browser, site_url):
    seen = browser.search(site_url + "search.html", "Mayıs", "Lenin")
    assert seen["all"] == [f"/{ARTICLE}#smpl-p1", f"/{ARTICLE}#smpl-p2"]
    assert "Lenin (1)" in seen["filters"] and "Samsun (1)" in seen["filters"]
    assert "Örnek Makale: Moskova Antlaşması — GİRİŞ" in seen["titles"]       # article — section
    assert seen["filtered"] == [f"/{ARTICLE}#smpl-p1"]


def test_article_header_search_link_opens_the_search_page(browser, site_url):
    browser.open(site_url + ARTICLE)
    browser.evaluate("document.querySelector('header.site a[href$=\"search.html\"]').click()")
    deadline = time.monotonic() + 30
    while browser.evaluate("location.href") != site_url + "search.html":
        assert time.monotonic() < deadline, "the header link did not lead to search.html"
        time.sleep(0.05)


def test_search_works_when_the_site_is_hosted_under_a_folder(browser, tmp_path):
    port = free_port()
    build(EDITION, tmp_path / "www" / "edition", base_url=f"http://127.0.0.1:{port}/edition/",
          formats=["html"])
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(tmp_path / "www")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/edition/"
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "search.html", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "http.server did not start"
                time.sleep(0.1)
        seen = browser.search(base + "search.html", "Moskova")
        assert seen["all"][0] == f"/edition/{ARTICLE}#smpl-p2"
        assert all(link.startswith("/edition/html/") for link in seen["all"])
        assert httpx.get(f"http://127.0.0.1:{port}/edition/{ARTICLE}").status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_search_finds_paragraphs_in_every_bundle_of_an_edition_indexed_in_parts(browser, tmp_path):
    from publish_helpers import three_article_edition

    site = tmp_path / "site"
    build(three_article_edition(tmp_path / "tei"), site, base_url="http://127.0.0.1/", formats=["html"],
          search_part_size=1)                       # one article per Pagefind bundle: three bundles
    assert (site / "pagefind-parts" / "3" / "pagefind-entry.json").is_file()
    with serve(site) as base:
        seen = browser.search(base + "/search.html", "Moskova", "Lenin")
    pages = {link.split("#")[0] for link in seen["marked"]}
    assert pages == {"/html/sample-article.html", "/html/second-article.html", "/html/third-review.html"}
    # the person filter is offered, and ticking it narrows to the paragraphs of all three bundles
    # (its count beside the label is Pagefind UI's, updated as each bundle answers: not asserted)
    assert any(label.startswith("Lenin (") for label in seen["filters"])
    assert sorted(seen["filtered"]) == ["/html/sample-article.html#smpl-p1", "/html/second-article.html#scnd-p1",
                                        "/html/third-review.html#thrd-p1"]
