"""``teikit serve``: serve a built site with OAI-PMH 2.0 at /oai and DTS 1.0 at /dts."""

from __future__ import annotations

import click


@click.command("serve")
@click.argument("site", default="site", type=click.Path(file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--public-url", default=None,
              help="The URL the site is reached at (default http://HOST:PORT); used in OAI and DTS responses.")
@click.option("--page-size", default=50, show_default=True, type=click.IntRange(1, 10000),
              help="Records per OAI-PMH list response before a resumption token.")
@click.option("--no-sets", is_flag=True, help="Do not offer OAI-PMH sets (answers noSetHierarchy).")
def command(site: str, host: str, port: int, public_url: str | None, page_size: int, no_sets: bool) -> None:
    """Serve SITE (made by `teikit build`) over HTTP with OAI-PMH and DTS endpoints."""
    import uvicorn

    from teikit.publish.server import create_app

    app = create_app(site, public_url=public_url or f"http://{host}:{port}",
                     page_size=page_size, sets=not no_sets)
    click.echo(f"Serving {site} at http://{host}:{port}/ (OAI-PMH: /oai, DTS: /dts); Ctrl-C stops.",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
