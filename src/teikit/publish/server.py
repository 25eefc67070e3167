"""The ASGI application of ``teikit serve``: the static site plus OAI-PMH and DTS.

Routes: ``/oai`` (GET and POST), ``/dts`` (entry), ``/dts/collection``,
``/dts/navigation``, ``/dts/document``; everything else is a file of the built site,
served by Starlette's StaticFiles, which refuses any path that leaves the site
directory (``../``, encoded or not) with a 404. The edition is loaded once at start-up
from ``<site>/tei``; requests are answered from memory.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from teikit.errors import InputError
from teikit.edition import load
from teikit.publish import dts
from teikit.publish.home import front_page as home_page
from teikit.publish.oai import OaiConfig, Repository


# the static DTS files' suffixes (teikit.publish.records.StaticUrls), whatever this machine's tables say
mimetypes.add_type("application/ld+json", ".jsonld")
mimetypes.add_type("application/tei+xml", ".tei")


def create_app(site: str | Path, *, public_url: str = "http://127.0.0.1:8000",
               page_size: int = 50, sets: bool = True,
               repository_name: str | None = None,
               admin_email: str = OaiConfig.admin_email) -> Starlette:
    """Build the application for the site directory *site* (made by ``teikit build``).
    *repository_name* (``--name``) names the edition in OAI-PMH, DTS and on the front page;
    by default it is the name the site was built with (its ``index.json``)."""
    site = Path(site)
    tei_dir = site / "tei"
    if not tei_dir.is_dir():
        raise InputError("not a built site (it has no tei/ folder); run `teikit build` first", str(site))
    edition = load([tei_dir])
    built_name = _built_name(site)
    repository_name = repository_name or built_name
    for article in edition.articles:
        dts.citation_trees(article)      # a broken refsDecl stops the start, not a request
    public_url = public_url.rstrip("/")
    repository = Repository(edition, OaiConfig(base_url=f"{public_url}/oai", page_size=page_size,
                                               sets=sets, repository_name=repository_name,
                                               admin_email=admin_email, site_url=f"{public_url}/"))
    urls = dts.Urls(f"{public_url}/dts")
    downloads = {a.id: f"{public_url}/{_tei_file(site, a)}" for a in edition.articles}

    async def oai(request: Request) -> Response:
        pairs = list(request.query_params.multi_items())
        if request.method == "POST":
            body = (await request.body()).decode("utf-8", errors="replace")
            pairs = parse_qsl(body, keep_blank_values=True)
        return Response(repository.respond(pairs), media_type="text/xml; charset=utf-8")

    def reply(result: dts.Response) -> Response:
        return Response(result.body, status_code=result.status, media_type=result.media_type,
                        headers=result.headers)

    async def dts_entry(request: Request) -> Response:
        return reply(dts.entry(urls))

    async def dts_collection(request: Request) -> Response:
        return reply(dts.collection(edition, request.query_params.multi_items(), urls,
                                    title=repository_name, downloads=downloads))

    async def dts_navigation(request: Request) -> Response:
        return reply(dts.navigation(edition, request.query_params.multi_items(), urls,
                                    _public(request, public_url)))

    async def dts_document(request: Request) -> Response:
        return reply(dts.document(edition, request.query_params.multi_items(), urls, downloads))

    async def home(request: Request) -> Response:
        return HTMLResponse(front)

    front = _front_page(site, edition, repository_name) if repository_name != built_name else None
    routes = [Route("/", home), Route("/index.html", home)] if front else []
    routes += [
        Route("/oai", oai, methods=["GET", "POST"]),
        Route("/dts", dts_entry), Route("/dts/", dts_entry),
        Route("/dts/collection", dts_collection),
        Route("/dts/navigation", dts_navigation),
        Route("/dts/document", dts_document),
        Mount("/", app=StaticFiles(directory=site, html=True)),
    ]
    return Starlette(routes=routes)


def _built_name(site: Path) -> str:
    """The edition's name as ``teikit build --name`` gave it (``index.json``'s title)."""
    try:
        return str(json.loads((site / "index.json").read_text("utf-8"))["title"])
    except (OSError, ValueError, KeyError, TypeError):
        return OaiConfig.repository_name


def _front_page(site: Path, edition, name: str) -> str:
    """The front page under *name*, as ``teikit build`` writes it, for ``serve --name``:
    the entry and reading pages the registered renderers declare, those in the site."""
    from teikit.render import entry_pages, load_renderers
    from teikit.render.base import article_files, reading_pages

    formats = sorted(load_renderers())
    articles = []
    for article in edition.articles:
        tei = _tei_file(site, article)
        pages = [p for p in reading_pages(formats, article.stem) if (site / p).is_file()]
        articles.append((article.title, pages[0] if pages else tei, tei, article_files(formats, article.stem)))
    return home_page(name, articles, site, entry_pages(formats))


def _tei_file(site: Path, article) -> str:
    """The article's TEI file, relative to the site."""
    return article.path.relative_to(site).as_posix()


def _public(request: Request, public_url: str) -> str:
    """The public, absolute URL of this request (DTS Navigation ``@id``)."""
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{public_url}{request.url.path}{query}"
