"""kpidsl's version, in a module of its own: the modules that print it (the CLI, the
diagnostics' renderers, the editor server, the cache's key) read it here rather than from
the package, whose __init__ loads the checker when asked for it."""

__version__ = "0.1.0"
