"""`kpidsl lsp`: a language server for rule files.

The server (server.py, on pygls) is a thin layer over modules that know
nothing of the protocol's transport: the rule set an open file belongs to and
its per-file parse results (ruleset_state.py), the statements of a file with
their block context (outline.py), names and where they are used (names.py),
and one module per feature (hover, completion, actions, rename, symbols, tokens).
"""
