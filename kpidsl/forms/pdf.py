"""Forms as PDF: the HTML form, printed by WeasyPrint (the optional extra ``pdf``).

WeasyPrint lays Thai out with Pango, which breaks lines between Thai words with
libthai, and embeds the Sarabun the page carries inline (kpidsl/forms/env.py
``font_css``). The page itself says how it prints (kpidsl/forms/templates/base.html.j2):
A4 in the form's orientation, "หน้า x/y" at the foot of each page, table headers
repeated, headings kept with what follows them, signatures kept with what they sign.

WeasyPrint hands each inline font to Fontconfig as a file: kpidsl/forms/memory_fonts.py
keeps those files in memory. The Thai text a reader copies out of the PDF is said glyph by
glyph in kpidsl/forms/pdf_text.py.

A form is self-contained: the printer fetches nothing but the ``data:`` URLs of the
page (no file, no network), whatever a title in a rule file says.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache

INSTALL_HINT = "pip install 'kpidsl[pdf]'"


@contextmanager
def _libraries_found_without_a_compiler():
    """WeasyPrint opens Pango and the others through cffi, which asks Python's
    ``ctypes.util.find_library`` for each of several names; on Linux, a name ldconfig
    does not know is looked for by running gcc and ld (16 and 32 runs, some 0.8 s),
    gcc writing its files into the system's temporary folder. While WeasyPrint is
    imported only ldconfig is asked: cffi opens the names with ``.so.N`` directly, as
    the system's loader finds them (LD_LIBRARY_PATH too)."""
    import ctypes.util as found

    probes = [name for name in ("_findLib_gcc", "_findLib_ld") if hasattr(found, name)]  # Linux's, not macOS's
    saved = {name: getattr(found, name) for name in probes}
    for name in probes:
        setattr(found, name, lambda _name: None)
    try:
        yield
    finally:
        for name, probe in saved.items():
            setattr(found, name, probe)


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether WeasyPrint imports (it needs the system's Pango too: a missing library is an OSError)."""
    try:
        with _libraries_found_without_a_compiler():
            import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


class PdfUnavailable(RuntimeError):
    """WeasyPrint is not installed: the caller says :data:`INSTALL_HINT`."""


def _fetcher():
    """What the printer may load: the page's own ``data:`` URLs (the inline font), nothing else."""
    from weasyprint import urls

    if hasattr(urls, "URLFetcher"):  # WeasyPrint 68 and later
        return urls.URLFetcher(allowed_protocols={"data"})

    def data_only(url: str, *args, **kwargs):  # pragma: no cover - older WeasyPrint
        if not url.startswith("data:"):
            raise ValueError(f"a form loads nothing from outside the page: {url[:80]}")
        return urls.default_url_fetcher(url, *args, **kwargs)

    return data_only


def pdf_bytes(html: str) -> bytes:
    """One HTML form as a PDF (raises :class:`PdfUnavailable` without WeasyPrint)."""
    if not available():
        raise PdfUnavailable(INSTALL_HINT)
    import weasyprint

    from .memory_fonts import font_config
    from .pdf_text import thai_text_finisher

    # Its fonts in memory: WeasyPrint's own configuration writes them into the system's temporary folder.
    # Its Thai copied out as written (kpidsl/forms/pdf_text.py), not as the first word of a glyph had it.
    return weasyprint.HTML(string=html, url_fetcher=_fetcher()).write_pdf(font_config=font_config(),
                                                                         finisher=thai_text_finisher)


def pdf_name(html_path: str) -> str:
    """``dept/sar.html`` → ``dept/sar.pdf``."""
    return html_path.rsplit(".", 1)[0] + ".pdf"
