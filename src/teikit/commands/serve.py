"""``teikit serve``: serve a built site with OAI-PMH 2.0 at /oai and DTS 1.0 at /dts."""

from __future__ import annotations

import socket

import click

from teikit.commands.build import publishing_options
from teikit.errors import OutputError


@click.command("serve")
@click.argument("site", default="site", type=click.Path(exists=True, file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port, printed at start).")
@click.option("--public-url", default=None,
              help="The URL the site is reached at (default http://HOST:PORT); used in OAI and DTS responses.")
@click.option("--page-size", default=50, show_default=True, type=click.IntRange(1, 10000),
              help="Records per OAI-PMH list response before a resumption token.")
@click.option("--no-sets", is_flag=True, help="Do not offer OAI-PMH sets (answers noSetHierarchy).")
@click.option("--access-log/--no-access-log", default=True, show_default=True,
              help="Print one line per request on stderr.")
@publishing_options
def command(site: str, host: str, port: int, public_url: str | None, page_size: int, no_sets: bool,
            name: str | None, admin_email: str, access_log: bool) -> None:
    """Serve SITE (made by `teikit build`) over HTTP with OAI-PMH and DTS endpoints.

    The front page is at http://HOST:PORT/, OAI-PMH at /oai, DTS at /dts. --name
    defaults to the name the site was built with; another name is given to the front
    page, OAI-PMH and DTS alike. Each request is logged on stderr (--no-access-log: not).
    """
    import uvicorn

    from teikit.publish.server import create_app

    listener = listen(host, port)
    port = listener.getsockname()[1]
    try:
        app = create_app(site, public_url=public_url or f"http://{host}:{port}",
                         page_size=page_size, sets=not no_sets, repository_name=name,
                         admin_email=admin_email)
    except BaseException:
        listener.close()
        raise
    click.echo(f"Serving {site} at http://{host}:{port}/ (OAI-PMH: /oai, DTS: /dts); Ctrl-C stops.",
               err=True)
    config = uvicorn.Config(app, log_level="info" if access_log else "warning", access_log=access_log,
                            log_config=_log_config())
    uvicorn.Server(config).run(sockets=[listener])


def _log_config() -> dict:
    """uvicorn's logging, with the access log on stderr beside every other message
    (uvicorn writes it to stdout), so stdout stays free."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    return config


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on *host*:*port*, so a busy port or unknown host is an ``Error:``
    line before anything starts (uvicorn would log it and exit 3)."""
    try:
        family, kind, _proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        listener = socket.socket(family, kind)
    except OSError as error:
        raise OutputError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(2048)      # connections wait in the backlog until uvicorn accepts them
    except OSError as error:
        listener.close()
        raise OutputError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    return listener
