"""The one parameter type of every path on kpidsl's command line.

It is click.Path with these differences:

- an empty name is a usage error: `Path("")` is `.`, so `kpidsl check "$RULES"` with
  RULES unset would check, score or write into the current folder;
- `-` is standard output wherever a file is written (kpidsl/files.py): an output folder
  (`build -o`, `new-year -o`) named `-` is a usage error, not a folder called `-`
  (`./-` still names one);
- click words the kind of path ("File", "Directory") once, when the option is made,
  before the run's language is known (language.py): it is worded again in the run's
  language when a value is refused;
- a file written (`-o scores.csv`) named with a trailing slash is a usage error: click
  would drop the slash and write a file where the user meant a folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from ..diagnostics.cli_texts import said
from . import language


class PathArg(click.Path):
    def __init__(self, *, output_folder: bool = False, **kwargs: Any):
        super().__init__(path_type=Path, **kwargs)
        self.output_folder = output_folder
        self.english_name = self.name  # "file", "directory" or "path": click's message ids

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, (str, bytes)) and not value:
            self.fail(said("empty-path", language.current()), param, ctx)
        if self.output_folder and value in ("-", b"-"):
            self.fail(said("folder-not-stdout", language.current()), param, ctx)
        if not self.dir_okay and isinstance(value, str) and value.endswith(("/", os.sep)):
            # click's Path would drop the slash and write a file where a folder was meant
            # the user's own name without the slash (compile's plan.json, score's scores.csv …)
            named = value.rstrip("/" + os.sep) or "out.file"
            self.fail(f"{value}: {said('file-not-folder', language.current(), file=named)}", param, ctx)
        self.name = language.click_text(self.english_name)
        try:
            return super().convert(value, param, ctx)
        finally:
            self.name = self.english_name  # the help's metavar stays as click made it
