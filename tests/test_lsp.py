"""The language server over stdio (pytest-lsp), on copies of rules/2555."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed")

from lsprotocol import types  # noqa: E402
from pygls.exceptions import JsonRpcException  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from kpidsl.diagnostics.cli_texts import said  # noqa: E402
from kpidsl.fmt import format_text  # noqa: E402


pytestmark = pytest.mark.asyncio(loop_scope="function")
# How long a notification may take: the server checks the whole rule set first, and CI shares
# its two cores with the other tests (30 s once ran out under load); a failing test just waits longer.
WAIT = 120


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "kpidsl", "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(), initialization_options={"kpidsl": {"lang": "en"}}))
    yield
    await lsp_client.shutdown_session()


def _uri(path: Path) -> str:
    return path.as_uri()


async def _until(client: LanguageClient, there, method: str) -> None:
    """Wait until ``there()`` (what the client has recorded) is true, a notification
    ``method`` at a time, at most WAIT seconds. A single wait may miss it: the notification can
    be read between the test of ``there()`` and the wait's start, and then nothing else comes
    (a test once waited its 120 s so on CI): each wait is a second long, and ``there()`` asked again."""
    deadline = asyncio.get_running_loop().time() + WAIT
    while not there():
        try:
            await asyncio.wait_for(client.wait_for_notification(method), 1)
        except asyncio.TimeoutError:
            if asyncio.get_running_loop().time() > deadline:
                raise


async def _published(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    """The next diagnostics published for ``uri`` (popped from the client before the
    request; a rule set publishes each of its files)."""
    await _until(client, lambda: uri in client.diagnostics, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


async def _open(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = _uri(path)
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="kpi", version=1, text=path.read_text(encoding="utf-8") if text is None else text)))
    await _until(client, lambda: uri in client.diagnostics, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


def _line_of(path: Path, needle: str) -> int:
    """The 0-based line that holds ``needle``."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n")) if needle in line)


async def test_open_department_gives_no_diagnostics(client: LanguageClient, ruleset: Path):
    uri = await _open(client, ruleset / "department.kpi")
    assert list(client.diagnostics[uri]) == []


async def test_breaking_a_weight_gives_w001_on_the_dimension(client: LanguageClient, ruleset: Path):
    dept = ruleset / "department.kpi"
    uri = await _open(client, dept)
    text = dept.read_text(encoding="utf-8")
    line = _line_of(dept, 'ตัวชี้วัด 6 "ร้อยละของระดับความพึงพอใจของผู้กำหนดนโยบาย" น้ำหนัก 3')
    column = text.split("\n")[line].index("น้ำหนัก 3") + len("น้ำหนัก ")
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(line, column), types.Position(line, column + 1)), text="4")]))
    diags = await _published(client, uri)
    assert [d.code for d in diags] == ["W001"]
    # dimension `quality` (line 96 of the file): the id after `มิติ `, as `kpidsl check` reports it (96:14)
    dim = _line_of(dept, 'มิติ quality "การประเมินคุณภาพ"')
    assert diags[0].range == types.Range(types.Position(dim, 13), types.Position(dim, 20))
    assert "add up to 11, not 10" in diags[0].message
    assert diags[0].severity == types.DiagnosticSeverity.Error


async def test_an_example_field_its_indicator_does_not_take_is_shown(client: LanguageClient, ruleset: Path):
    """The editor shows X002 at the field an example gives kpi 8 that its formula does not
    read (X9 for X1), as `kpidsl check` reports it."""
    agreement = ruleset / "agreements" / "department_example.kpi"
    text = agreement.read_text(encoding="utf-8")
    line = _line_of(agreement, "ตัวชี้วัด 8 X1 95 Y1 100")
    column = text.split("\n")[line].index("X1 95")
    uri = await _open(client, agreement, text.replace("ตัวชี้วัด 8 X1 95 Y1 100", "ตัวชี้วัด 8 X9 95 Y1 100"))
    diags = client.diagnostics[uri]
    assert [d.code for d in diags] == ["X002"]
    assert diags[0].range == types.Range(types.Position(line, column), types.Position(line, column + 2))
    assert "`X9` is not something kpi `8` takes" in diags[0].message
    assert diags[0].severity == types.DiagnosticSeverity.Error


async def test_hover_on_indicator_5(client: LanguageClient, ruleset: Path):
    dept = ruleset / "department.kpi"
    uri = await _open(client, dept)
    line = _line_of(dept, 'ตัวชี้วัด 5 "')
    column = dept.read_text(encoding="utf-8").split("\n")[line].index("5 ")
    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), types.Position(line, column)))
    text = hover.contents.value
    assert "weight in framework `department`: 7" in text
    assert "effective weight in agreement `dept_example_2555`: 7" in text
    assert "65 70 75 80 85" in text
    assert "003 สไลด์ 24" in text


async def test_completion_in_an_indicator_block(client: LanguageClient, ruleset: Path):
    dept = ruleset / "department.kpi"
    lines = dept.read_text(encoding="utf-8").split("\n")
    line = _line_of(dept, 'หน่วย "ร้อยละ"')
    lines.insert(line, "                ")
    uri = await _open(client, dept, "\n".join(lines))
    result = await client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(uri), types.Position(line, 16)))
    labels = {i.label for i in result.items}
    assert {"เกณฑ์", "น้ำหนัก", "ladder", "weight"} <= labels
    assert "กรอบ" not in labels and "framework" not in labels


async def test_completion_of_an_agreements_indicator_ids(client: LanguageClient, ruleset: Path):
    agreement = ruleset / "agreements" / "department_example.kpi"
    lines = agreement.read_text(encoding="utf-8").split("\n")
    line = _line_of(agreement, "ตัวชี้วัด 11 น้ำหนัก 5")
    lines[line] = "    ตัวชี้วัด "
    uri = await _open(client, agreement, "\n".join(lines))
    result = await client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(uri), types.Position(line, len(lines[line]))))
    labels = [i.label for i in result.items]
    assert {"5", "8", "11", "12"} <= set(labels)


async def test_definition_from_agreement_to_framework(client: LanguageClient, ruleset: Path):
    agreement = ruleset / "agreements" / "department_example.kpi"
    uri = await _open(client, agreement)
    line = _line_of(agreement, "ตัวชี้วัด 8 น้ำหนัก 6")
    column = agreement.read_text(encoding="utf-8").split("\n")[line].index("8")
    found = await client.text_document_definition_async(types.DefinitionParams(
        types.TextDocumentIdentifier(uri), types.Position(line, column)))
    dept = ruleset / "department.kpi"
    target = _line_of(dept, 'ตัวชี้วัด 8 "')
    assert len(found) == 1
    assert found[0].uri == _uri(dept)
    assert found[0].range.start.line == target
    # and back: the framework's indicator 8 is used by the agreement
    refs = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(_uri(dept)), position=found[0].range.start,
        context=types.ReferenceContext(include_declaration=False)))
    # the agreement's line, and the results and expected figures of its two worked examples
    # (dept_all_kinds and dept_disbursement_level5)
    example = [i for i, text in enumerate(agreement.read_text(encoding="utf-8").split("\n"))
               if text.strip().startswith("ตัวชี้วัด 8 ") and i != line]
    assert len(example) == 4
    # and the line of the department without 1.2 (agreements/department_without_1_2.kpi)
    other = ruleset / "agreements" / "department_without_1_2.kpi"
    mine = sorted((u, n) for u, n in ((r.uri, r.range.start.line) for r in refs) if u != _uri(other))
    assert mine == [(uri, n) for n in sorted([line, *example])]
    assert [(r.uri, r.range.start.line) for r in refs if r.uri == _uri(other)] == \
        [(_uri(other), _line_of(other, "ตัวชี้วัด 8 น้ำหนัก 6"))]


async def test_definition_of_the_framework_a_agreement_names(client: LanguageClient, ruleset: Path):
    agreement = ruleset / "agreements" / "department_example.kpi"
    uri = await _open(client, agreement)
    line = _line_of(agreement, "กรอบ department 2555")
    column = agreement.read_text(encoding="utf-8").split("\n")[line].index("department")
    found = await client.text_document_definition_async(types.DefinitionParams(
        types.TextDocumentIdentifier(uri), types.Position(line, column + 2)))
    assert found[0].uri == _uri(ruleset / "department.kpi")
    assert found[0].range.start.line == _line_of(ruleset / "department.kpi", "กรอบ department")


async def test_rename_an_indicator_from_an_agreement(client: LanguageClient, ruleset: Path):
    agreement = ruleset / "agreements" / "department_example.kpi"
    uri = await _open(client, agreement)
    line = _line_of(agreement, "ตัวชี้วัด 8 น้ำหนัก 6")
    column = agreement.read_text(encoding="utf-8").split("\n")[line].index("8")
    at = types.Position(line, column)
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(types.TextDocumentIdentifier(uri), at))
    assert prepared == types.Range(at, types.Position(line, column + 1))
    # on the keyword before it: nothing to rename
    keyword = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(types.TextDocumentIdentifier(uri), types.Position(line, column - 3)))
    assert keyword is None
    client.messages.clear()
    edit = await client.text_document_rename_async(types.RenameParams(types.TextDocumentIdentifier(uri), at, "13"))
    dept, other = ruleset / "department.kpi", ruleset / "agreements" / "department_without_1_2.kpi"
    assert {u: len(e) for u, e in edit.changes.items()} == {_uri(dept): 1, uri: 5, _uri(other): 1}
    renamed = _apply(agreement.read_text(encoding="utf-8"), edit.changes[uri])
    assert renamed.split("\n")[line].strip().startswith("ตัวชี้วัด 13 น้ำหนัก 6")
    assert "ตัวชี้วัด 8 " not in renamed
    # results files name indicators by id: the server says so
    await _until(client, lambda: client.messages, types.WINDOW_SHOW_MESSAGE)
    assert client.messages[-1].message == said("lsp-rename-results", "en", old="8", name="13")
    # a name already taken: an error response that says which error it would give, no edit
    with pytest.raises(JsonRpcException) as refused:
        await client.text_document_rename_async(types.RenameParams(types.TextDocumentIdentifier(uri), at, "9"))
    assert refused.value.message == said("lsp-rename-breaks", "en", name="9", code="N001",
                                         line=_line_of(dept, 'ตัวชี้วัด 9 "') + 1)


async def test_formatting_gives_kpidsl_fmt_text(client: LanguageClient, ruleset: Path):
    bands = ruleset / "bands.kpi"
    messy = bands.read_text(encoding="utf-8").replace('ระดับผล good        "ดี"', 'ระดับผล   good "ดี"')
    uri = await _open(client, bands, messy)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        types.TextDocumentIdentifier(uri), types.FormattingOptions(tab_size=4, insert_spaces=True)))
    assert len(edits) == 1
    result = _apply(messy, edits)
    assert result == format_text(messy, str(bands)).text
    assert result == bands.read_text(encoding="utf-8")  # the shipped file is canonical


async def test_formatting_is_refused_when_the_file_does_not_parse(client: LanguageClient, ruleset: Path):
    bands = ruleset / "bands.kpi"
    broken = bands.read_text(encoding="utf-8").replace("ช่วงคะแนน 0 100", 'ช่วงคะแนน "0 100')
    uri = await _open(client, bands, broken)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        types.TextDocumentIdentifier(uri), types.FormattingOptions(tab_size=4, insert_spaces=True)))
    assert not edits
    await _until(client, lambda: client.messages, types.WINDOW_SHOW_MESSAGE)  # normally here already
    assert client.messages[-1].type == types.MessageType.Error
    assert client.messages[-1].message.startswith("E002")


async def test_missing_space_code_action_fixes_glued_weight(client: LanguageClient, ruleset: Path):
    dept = ruleset / "department.kpi"
    lines = dept.read_text(encoding="utf-8").split("\n")
    line = _line_of(dept, 'หน่วย "ร้อยละ"')
    lines.insert(line, "                น้ำหนัก20")
    text = "\n".join(lines)
    uri = await _open(client, dept, text)
    glued = [d for d in client.diagnostics[uri] if d.code == "K011"]
    assert [(d.range.start.line, d.range.start.character, d.range.end.character) for d in glued] == [(line, 16, 25)]
    found = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), glued[0].range, types.CodeActionContext(diagnostics=glued)))
    fix = next(a for a in found if a.is_preferred)
    fixed = _apply(text, fix.edit.changes[uri])
    assert fixed.split("\n")[line] == "                น้ำหนัก 20"



async def test_missing_space_code_action_after_an_emoji_on_the_line(client: LanguageClient, ruleset: Path):
    # the action read the diagnostic's word by UTF-16 offsets as if they counted code points: after
    # an emoji (two UTF-16 units) it read `้ำหนัก7 `, saw no glued keyword, and offered `น้ำหนัก` in
    # place of `น้ำหนัก7`, dropping the weight
    dept = ruleset / "department.kpi"
    written = '"ร้อยละของระดับความพึงพอใจของผู้รับบริการ" น้ำหนัก 7 {'
    text = dept.read_text(encoding="utf-8").replace(written, '"ร้อยละของระดับความพึงพอใจของผู้รับบริการ 🎯" น้ำหนัก7 {')
    uri = await _open(client, dept, text)
    glued = [d for d in client.diagnostics[uri] if d.code == "K011"]  # K001 before session 34
    line = _line_of(dept, written)
    at = text.split("\n")[line].index("น้ำหนัก7") + 1  # + 1: the emoji is two UTF-16 units
    assert [(d.range.start.line, d.range.start.character, d.range.end.character) for d in glued] == [
        (line, at, at + len("น้ำหนัก7"))]
    found = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), glued[0].range, types.CodeActionContext(diagnostics=glued)))
    fix = next(a for a in found if a.is_preferred)
    assert fix.title == said("lsp-insert-space", "en", keyword="น้ำหนัก", rest="7")
    fixed = _apply(text, fix.edit.changes[uri])
    assert '"ร้อยละของระดับความพึงพอใจของผู้รับบริการ 🎯" น้ำหนัก 7 {' in fixed.split("\n")[line]

async def test_weights_code_action_shows_the_amount_to_move(client: LanguageClient, ruleset: Path):
    dept = ruleset / "department.kpi"
    text = dept.read_text(encoding="utf-8").replace(
        '"ร้อยละของระดับความพึงพอใจของผู้กำหนดนโยบาย" น้ำหนัก 3', '"ร้อยละของระดับความพึงพอใจของผู้กำหนดนโยบาย" น้ำหนัก 5')
    uri = await _open(client, dept, text)
    w001 = [d for d in client.diagnostics[uri] if d.code == "W001"]
    found = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), w001[0].range, types.CodeActionContext(diagnostics=w001)))
    assert [a.title for a in found] == [said("lsp-weights-take-away", "en", total="12", expected="10", amount="2")]


async def test_unknown_name_code_action_replaces_it(client: LanguageClient, ruleset: Path):
    dept = ruleset / "department.kpi"
    text = dept.read_text(encoding="utf-8").replace("ปฏิทิน od_2555", "ปฏิทิน od_2556")
    uri = await _open(client, dept, text)
    n002 = [d for d in client.diagnostics[uri] if d.code == "N002"]
    assert len(n002) == 1
    found = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), n002[0].range, types.CodeActionContext(diagnostics=n002)))
    assert _apply(text, found[0].edit.changes[uri]) == dept.read_text(encoding="utf-8")


@pytest.mark.parametrize(("file", "written", "misspelt", "name"), [
    # a limit's band: the report was at the start of the limit line, and the fix replaced the line
    ("individual.kpi", "ข้อกำหนด ระดับผล fair >= 60", "ข้อกำหนด ระดับผล fiar >= 60", "fiar"),
    # an example's indicator: the report was at the field word, and the fix replaced `คะแนน 5.0000`
    ("agreements/department_example.kpi", "ตัวชี้วัด 8 คะแนน 5.0000", "ตัวชี้วัด 88 คะแนน 5.0000", "88"),
    # a function: the report ran from its name to its last argument, and the fix replaced them all
    ("department.kpi", "คำนวณ เฉลี่ย(X1 / Y1", "คำนวณ เฉลี่ยย(X1 / Y1", "เฉลี่ยย"),
])
async def test_unknown_name_is_underlined_and_replaced_where_it_is_written(
        client: LanguageClient, ruleset: Path, file: str, written: str, misspelt: str, name: str):
    path = ruleset / file
    text = path.read_text(encoding="utf-8")
    assert text.count(written) == 1
    text = text.replace(written, misspelt)
    uri = await _open(client, path, text)
    (n002,) = [d for d in client.diagnostics[uri] if d.code == "N002"]
    line = _line_of(path, written)
    column = text.split("\n")[line].index(name)
    assert n002.range == types.Range(types.Position(line, column), types.Position(line, column + len(name)))
    found = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), n002.range, types.CodeActionContext(diagnostics=[n002])))
    assert _apply(text, found[0].edit.changes[uri]) == path.read_text(encoding="utf-8")


async def test_document_symbols_are_the_framework_tree(client: LanguageClient, ruleset: Path):
    uri = await _open(client, ruleset / "department.kpi")
    found = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        types.TextDocumentIdentifier(uri)))
    framework = found[0]
    assert framework.name == "กรอบ department"
    perspectives = [c.name for c in framework.children if c.name.startswith("มุมมอง")]
    assert perspectives == ["มุมมอง external", "มุมมอง internal"]
    quality = framework.children[2].children[1]
    assert [c.name for c in quality.children] == ["ตัวชี้วัด 5", "ตัวชี้วัด 6"]
    assert quality.children[0].detail.endswith("น้ำหนัก 7")


async def test_semantic_tokens_mark_keywords(client: LanguageClient, ruleset: Path):
    uri = await _open(client, ruleset / "bands.kpi", 'ระดับผลการประเมิน b "x" {\n    ช่วงคะแนน 0 100  # c\n}\n')
    result = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(
        types.TextDocumentIdentifier(uri)))
    from kpidsl.lsp.tokens import TOKEN_TYPES  # the legend the server declares, in its order

    data = result.data
    tokens, line, char = [], 0, 0
    for i in range(0, len(data), 5):
        line += data[i]
        char = data[i + 1] if data[i] else char + data[i + 1]
        tokens.append((line, char, data[i + 2], TOKEN_TYPES[data[i + 3]]))
    assert tokens == [
        (0, 0, 17, "keyword"), (0, 18, 1, "variable"), (0, 20, 3, "string"),
        (1, 4, 9, "keyword"), (1, 14, 1, "number"), (1, 16, 3, "number"), (1, 21, 3, "comment"),
    ]


async def test_lang_setting_switches_messages_to_thai(client: LanguageClient, ruleset: Path):
    dept = ruleset / "department.kpi"
    text = dept.read_text(encoding="utf-8").replace("ปฏิทิน od_2555", "ปฏิทิน od_2556")
    uri = await _open(client, dept, text)
    assert client.diagnostics[uri][0].message.startswith("no calendar")
    client.diagnostics.pop(uri, None)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"kpidsl": {"lang": "th"}}))
    assert (await _published(client, uri))[0].message.startswith("ไม่พบ")


async def test_unsaved_text_of_an_open_file_overrides_disk(client: LanguageClient, ruleset: Path):
    # The agreement, edited but not saved, agrees weight 7 for indicator 8: the
    # framework's file on disk is unchanged, the agreement's weights no longer add up.
    agreement = ruleset / "agreements" / "department_example.kpi"
    text = agreement.read_text(encoding="utf-8").replace("ตัวชี้วัด 8 น้ำหนัก 6", "ตัวชี้วัด 8 น้ำหนัก 7")
    uri = await _open(client, agreement, text)
    assert [d.code for d in client.diagnostics[uri]] == ["W003"]
    assert agreement.read_text(encoding="utf-8") != text


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.split("\n")

    def offset(p: types.Position) -> int:
        # the position's character counts UTF-16 units: an emoji is two, one code point
        head = lines[p.line].encode("utf-16-le")[: 2 * p.character].decode("utf-16-le") if p.line < len(lines) else ""
        return sum(len(x) + 1 for x in lines[: p.line]) + len(head)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


async def test_a_salary_grade_goes_to_its_definition_and_is_renamed_from_an_agreement(client: LanguageClient,
                                                                                      ruleset: Path):
    # the name index knew no grade: definition and rename did nothing on `k_professional`
    agreement = ruleset / "agreements" / "individual_example.kpi"
    uri = await _open(client, agreement)
    line = _line_of(agreement, "ระดับตำแหน่ง k_professional")
    column = agreement.read_text(encoding="utf-8").split("\n")[line].index("k_professional")
    at = types.Position(line, column + 3)
    found = await client.text_document_definition_async(types.DefinitionParams(types.TextDocumentIdentifier(uri), at))
    framework = ruleset / "individual.kpi"
    assert [(f.uri, f.range.start.line) for f in found] == [
        (_uri(framework), _line_of(framework, "ระดับตำแหน่ง k_professional"))]
    client.messages.clear()
    edit = await client.text_document_rename_async(types.RenameParams(types.TextDocumentIdentifier(uri), at, "k_pro"))
    assert {u: len(e) for u, e in edit.changes.items()} == {_uri(framework): 1, uri: 1}
    assert "เงินเดือน 20,000 ระดับตำแหน่ง k_pro  #" in _apply(agreement.read_text(encoding="utf-8"), edit.changes[uri])
    # a results file's grade column (ระดับตำแหน่ง) names grades by id: the server says so
    await _until(client, lambda: client.messages, types.WINDOW_SHOW_MESSAGE)
    assert client.messages[-1].message == said("lsp-rename-results", "en", old="k_professional", name="k_pro")


async def test_renaming_a_formulas_input_says_results_files_name_it(client: LanguageClient, ruleset: Path):
    # a results file's `8:X1` column names the input (kpidsl/results_columns.py): a rename of X1 in
    # the rule file alone leaves that column unknown (Q002), so the server says so, as for a part
    dept = ruleset / "department.kpi"
    uri = await _open(client, dept)
    line = _line_of(dept, "ข้อมูล X1 X2 X3 X4")
    at = types.Position(line, dept.read_text(encoding="utf-8").split("\n")[line].index("X1"))
    client.messages.clear()
    edit = await client.text_document_rename_async(types.RenameParams(types.TextDocumentIdentifier(uri), at, "Q1"))
    assert edit is not None and len(edit.changes[uri]) == 2  # the input and the formula that reads it
    await _until(client, lambda: client.messages, types.WINDOW_SHOW_MESSAGE)
    assert client.messages[-1].message == said("lsp-rename-results", "en", old="X1", name="Q1")
