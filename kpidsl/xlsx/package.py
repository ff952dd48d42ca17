"""The parts of an .xlsx file around its worksheets, and the zip they go into, for a workbook
whose sheets kpidsl writes itself (kpidsl/xlsx/sheet_xml.py): the content types, the
relationships, the workbook (its sheets' names, in order), the stylesheet, the theme and the
document's properties. Each sheet's XML is copied into the zip from where it waited
(kpidsl/xlsx/sheet_storage.py SheetSpool), a chunk at a time."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import zipfile
from typing import BinaryIO, Sequence

from .sheet_xml import MAIN_NS, Styles, xml_attribute

_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_COPY_CHUNK = 1 << 20


def _theme() -> bytes | None:
    """The default Office theme, the one openpyxl writes into every workbook (its public
    module openpyxl.writer.theme): the default font's colour refers to it. None without openpyxl."""
    try:
        from openpyxl.writer.theme import theme_xml
    except ImportError:  # pragma: no cover - the xlsx extra installs openpyxl
        return None
    return theme_xml.encode("utf-8") if isinstance(theme_xml, str) else theme_xml


def _content_types(sheets: int, theme: bool) -> str:
    overrides = [("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
                 ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    if theme:
        overrides.append(("/xl/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"))
    overrides += [(f"/xl/worksheets/sheet{i}.xml", _SHEET_TYPE) for i in range(1, sheets + 1)]
    return (_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides) + "</Types>")


def _root_rels() -> str:
    return (_HEAD + f'<Relationships xmlns="{_PACKAGE_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            f'<Relationship Id="rId2" Type="{_PACKAGE_REL}/metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>")


def _workbook(titles: Sequence[str]) -> str:
    sheets = "".join(f'<sheet name="{xml_attribute(t)}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, t in enumerate(titles, start=1))
    return (_HEAD + f'<workbook xmlns="{MAIN_NS}" xmlns:r="{_REL}"><workbookPr/>'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f'<sheets>{sheets}</sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')


def _workbook_rels(sheets: int, theme: bool) -> str:
    rels = [(f"rId{i}", "worksheet", f"worksheets/sheet{i}.xml") for i in range(1, sheets + 1)]
    rels.append((f"rId{sheets + 1}", "styles", "styles.xml"))
    if theme:
        rels.append((f"rId{sheets + 2}", "theme", "theme/theme1.xml"))
    return (_HEAD + f'<Relationships xmlns="{_PACKAGE_REL}">'
            + "".join(f'<Relationship Id="{i}" Type="{_REL}/{t}" Target="{target}"/>' for i, t, target in rels)
            + "</Relationships>")


def _w3c(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _core(created: dt.datetime, modified: dt.datetime) -> str:
    return (_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>kpidsl</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{_w3c(created)}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{_w3c(modified)}</dcterms:modified></cp:coreProperties>')


def _app() -> str:
    return (_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>kpidsl</Application></Properties>")


def now() -> dt.datetime:
    """The time, in UTC, as the document's properties give it."""
    return dt.datetime.now(tz=dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def write_package(stream: BinaryIO, sheets: Sequence, styles: Styles, created: dt.datetime) -> None:
    """The workbook zipped into ``stream``: ``sheets`` in order, each with ``title`` and
    ``spool`` (its finished XML, removed once copied in). Should a write fail (a full disk),
    the zip is closed here, its end unwritten (the output is discarded): closed when
    collected instead, it would write to a file the caller has closed."""
    theme = _theme()
    archive = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    try:
        stamp = now()
        parts = [("[Content_Types].xml", _content_types(len(sheets), theme is not None)), ("_rels/.rels", _root_rels()),
                 ("docProps/app.xml", _app()), ("docProps/core.xml", _core(created, stamp)),
                 ("xl/workbook.xml", _workbook([s.title for s in sheets])),
                 ("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets), theme is not None)),
                 ("xl/styles.xml", styles.xml())]
        if theme is not None:
            parts.append(("xl/theme/theme1.xml", theme))
        for name, data in parts:
            archive.writestr(name, data)
        for i, sheet in enumerate(sheets, start=1):
            source = sheet.spool.file
            info = zipfile.ZipInfo(f"xl/worksheets/sheet{i}.xml", date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.file_size = source.tell()  # past 4 GiB: a zip64 entry, told before it is written
            source.seek(0)
            with archive.open(info, "w") as target:
                shutil.copyfileobj(source, target, _COPY_CHUNK)
            sheet.spool.remove()
        archive.close()
    except BaseException:
        with contextlib.suppress(Exception):
            archive.close()
        raise
