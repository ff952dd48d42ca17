"""What reaches `kpidsl lsp` is the editor's, but a broken client or a stray pipe must not
end in a traceback nor an internal error: a message too big to hold (its Content-Length
past kpidsl's bound) is one line (E004) and the server stops, exit 2; a body that is not
JSON is one line and the server reads on."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

ROOT = Path(__file__).resolve().parent.parent


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def lsp(stdin: bytes, *flags: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kpidsl", "lsp", *(flags or ("--lang", "en"))], input=stdin,
                          capture_output=True, timeout=120, preexec_fn=_limited,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env})


def test_a_content_length_past_the_bound_is_one_line():
    done = lsp(b"Content-Length: 99999999999\r\n\r\n{}")
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert "internal error" not in err and "Traceback" not in err, err
    assert err.startswith("kpidsl lsp: E004: ") and len(err.strip().splitlines()) == 1, err


@pytest.mark.parametrize(("flags", "env", "lang"), [
    (("--lang", "en"), "th", "en"),  # the flag given wins over KPIDSL_LANG, as in every other command
    (("--lang", "th"), "en", "th"),
    ((), "en", "en"),  # no flag: KPIDSL_LANG
])
def test_the_servers_language_is_the_flags_then_kpidsl_lang(flags, env, lang):
    from kpidsl.diagnostics.registry import CODES

    done = lsp(b"Content-Length: 99999999999\r\n\r\n{}", *(flags or ("--stdio",)), KPIDSL_LANG=env)
    said = CODES["E004"].at(None, size=99999999999, most=0).message(lang).split(" ")[0]
    assert done.stderr.decode("utf-8").startswith(f"kpidsl lsp: E004: {said}"), done.stderr


def test_a_body_that_is_not_json_is_one_line():
    done = lsp(b"Content-Length: 5\r\n\r\n{\"a\":")
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err


def _framed(*bodies: bytes) -> bytes:
    return b"".join(b"Content-Length: %d\r\n\r\n%s" % (len(b), b) for b in bodies)


def _shown(stdout: bytes) -> list[str]:
    """The messages the server asked the editor to show (window/showMessage)."""
    import json
    import re

    return [json.loads(body)["params"]["message"] for body in re.split(rb"Content-Length: \d+\r\n(?:[^\r\n]+\r\n)*\r\n",
                                                                        stdout) if b"window/showMessage" in body]


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("message", [
    b'{"a":',  # a body that is not JSON
    # a change to a document the editor never opened, whose file is nowhere: the handling fails
    b'{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": '
    b'"file:///nowhere/at/all.kpi", "version": 2}, "contentChanges": [{"text": "x"}]}}',
])
def test_what_the_server_cannot_handle_is_shown_in_the_users_language(lang, message):
    # pygls's own pop-up, "Error in server: Expecting value: …", was English whatever the
    # user's language: it is E005, from the registry, in the language kpidsl lsp speaks.
    from kpidsl.diagnostics.registry import CODES

    done = subprocess.run([sys.executable, "-m", "kpidsl", "lsp", "--lang", lang], input=_framed(message),
                          capture_output=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    (shown,) = _shown(done.stdout)
    told = CODES["E005"].at(None, text="")
    assert shown.startswith(f"E005: {told.message(lang).split('()')[0]}("), shown
    assert shown.endswith(f"({told.hint(lang)})")
    assert "Error in server" not in shown and done.returncode == 0
