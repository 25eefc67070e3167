"""One module per ``teikit`` subcommand; each exposes a click command named ``command``."""
