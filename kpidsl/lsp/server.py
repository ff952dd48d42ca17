"""The language server: pygls wiring over the feature modules of this package.

Every open file belongs to a rule set (ruleset_state.py). An edit re-parses
that file only, re-runs the rule-set passes, and publishes the diagnostics of
every file of the set whose list changed (an edit in an agreement can clear an
error in the framework's file).

Messages follow ``kpidsl.lang`` ("th" or "en"): from initializationOptions
(``{"lang": "en"}`` or ``{"kpidsl": {"lang": "en"}}``), then from
workspace/didChangeConfiguration; KPIDSL_LANG, then Thai, when neither says.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import (FeatureRequestError, JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest,
                              JsonRpcMethodNotFound, JsonRpcRequestCancelled)
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import from_fs_path, to_fs_path

from ..bilingual import lang_from_env
from ..version import __version__
from ..diagnostics.cli_texts import said
from ..diagnostics.model import Diagnostic
from ..diagnostics.registry import CODES
from ..fmt import as_saved, format_text
from ..source import rule_set_root
from . import actions as code_actions
from . import completion as completions
from . import hover as hovers
from . import names
from . import rename as renaming
from .positions import Lines
from .ruleset_state import RuleSetState
from .symbols import document_symbols
from .tokens import TOKEN_TYPES, semantic_tokens

SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning}


def _lang_from(options: Any) -> str | None:
    if not isinstance(options, dict):
        return None
    value = options.get("lang")
    if value is None and isinstance(options.get("kpidsl"), dict):
        value = options["kpidsl"].get("lang")
    return value if value in ("th", "en") else None


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, answering a request whose parameters do not fit the protocol (a
    position of line -1) with the error pygls raises for it (Invalid Params), as JSON-RPC
    asks: pygls logs it and answers nothing, and the editor waits for an answer.

    Every error a request is answered with is told in the server's language
    (:meth:`KpiServer.answered`): pygls's words were English. The method each request
    asked for is kept until it is answered, for the answer to name it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.asked: dict = {}  # a request's id → its method, until it is answered

    def structure_message(self, data):
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if isinstance(data, dict) and "method" in data and isinstance(data.get("id"), (int, str)):
                self.asked[data["id"]] = data["method"]
                self._send_response(data["id"], error=error.to_response_error())
                error.answered = True  # the answer tells it: no pop-up besides (report_server_error)
            raise

    def handle_message(self, message):
        method, ident = getattr(message, "method", None), getattr(message, "id", None)
        if method == types.TEXT_DOCUMENT_DID_CHANGE and not self._shutdown:
            uri = message.params.text_document.uri
            if unquote(uri) not in self._server.workspace.text_documents:
                # a change to a document never opened (the client broke the protocol): pygls
                # would fail on it (a KeyError, shown as E005); it has no text to change
                self._server.tell(CODES["E011"].at(None, uri=unquote(uri)), types.MessageType.Warning)
                return
        if isinstance(method, str) and ident is not None:
            self.asked[ident] = method
            if self._shutdown and method != types.EXIT:
                # pygls logs it and answers nothing, and the editor would wait; the protocol
                # asks for this error (InvalidRequest)
                self._send_response(ident, error=JsonRpcInvalidRequest().to_response_error())
                return
        super().handle_message(message)

    def _send_response(self, msg_id, result=None, error=None):
        method = self.asked.pop(msg_id, None)
        if error is not None:
            error = self._server.answered(error, method)
        super()._send_response(msg_id, result, error)


class KpiServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("kpidsl", __version__, protocol_cls=_Protocol)
        self.lang = lang_from_env()
        self.rule_sets: dict[Path, RuleSetState] = {}
        self.published: dict[str, list[types.Diagnostic]] = {}
        self._index: dict[Path, tuple[object, names.NameIndex]] = {}
        self._members: dict[Path, set[str]] = {}  # a rule set's root → the URIs last published for it

    # ---- rule sets -------------------------------------------------------------------------------
    def state_of(self, path: str) -> RuleSetState:
        root = rule_set_root(Path(path))
        state = self.rule_sets.get(root)
        if state is None:
            state = self.rule_sets[root] = RuleSetState(root)
        return state

    def index_of(self, state: RuleSetState) -> names.NameIndex:
        """The names of the rule set's trees as the editor's features read them: a file that
        does not parse by the tree recovered from it (ruleset_state.py)."""
        checked = state.check()  # the same object until a file changes
        kept = self._index.get(state.root)
        if kept is None or kept[0] is not checked:
            kept = (checked, names.build(state.editor_documents()))
            self._index[state.root] = kept
        return kept[1]

    def renaming_index(self, state: RuleSetState) -> names.NameIndex:
        """The names of the parsed trees alone: a rename is checked against the parsed texts
        (rename.py), so a name only a recovered tree holds is not offered for renaming."""
        if all(p.document is not None or p.text is None for p in state.files.values()):
            return self.index_of(state)
        return names.build(state.documents())

    def to_lsp(self, d: Diagnostic, lines: Lines) -> types.Diagnostic:
        message = d.message(self.lang)
        hint = d.hint(self.lang)
        if hint:
            message += f"\n{said('hint-label', self.lang)}: {hint}"
        rng = lines.range(d.span) if d.span else types.Range(types.Position(0, 0), types.Position(0, 0))
        return types.Diagnostic(rng, message, severity=SEVERITY.get(d.severity), code=d.code, source="kpidsl",
                                data={"message_en": d.message_en, "hint_en": d.hint_en, "hint_th": d.hint_th})

    def publish(self, state: RuleSetState, force: bool = False) -> None:
        checked = state.check()
        uris = set()
        for path, diags in checked.diagnostics.items():
            lines = _lines(state, path)
            lsp = [self.to_lsp(d, lines) for d in diags]
            uri = from_fs_path(path)
            uris.add(uri)
            if not force and self.published.get(uri) == lsp:
                continue
            self.published[uri] = lsp
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=lsp))
        # a file that has left the rule set (an unsaved new file closed, a file deleted from
        # disk): the editor keeps what was published for it until it is told otherwise
        for uri in self._members.get(state.root, set()) - uris:
            if self.published.pop(uri, None):
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self._members[state.root] = uris

    def republish_all(self) -> None:
        for state in self.rule_sets.values():
            self.publish(state, force=True)

    def show(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.window_show_message(types.ShowMessageParams(kind, message))

    def answered(self, error: types.ResponseError, method: str | None) -> types.ResponseError:
        """The error a request of ``method`` is answered with, in the server's language: for
        pygls's own, Invalid Params E006, Method Not Found E007, cancelled E008, a request after
        shutdown E010, a handler's failure E009 (its exception's one line, no traceback); kpidsl's
        own refusal as it is (its data names its phrase or code). The protocol's error code is kept."""
        if isinstance(error.data, dict) and ("phrase" in error.data or "code" in error.data):
            return error
        method = method or "?"
        if error.code == JsonRpcInvalidParams.CODE:
            told = CODES["E006"].at(None, method=method)
        elif error.code == JsonRpcMethodNotFound.CODE:
            told = CODES["E007"].at(None, method=method)
        elif error.code == JsonRpcRequestCancelled.CODE:
            told = CODES["E008"].at(None, method=method)
        elif error.code == JsonRpcInvalidRequest.CODE:
            told = CODES["E010"].at(None, method=method)
        else:
            told = CODES["E009"].at(None, method=method, text=" ".join(str(error.message).split()))
        hint = told.hint(self.lang)
        message = f"{told.code}: {told.message(self.lang)}" + (f" ({hint})" if hint else "")
        return types.ResponseError(code=error.code, message=message, data={"code": told.code})

    def report_server_error(self, error: Exception, source: Any) -> None:
        """What pygls shows the user when a message from the editor cannot be read (a body
        that is not JSON) or a notification's handler fails: its own pop-up was English,
        "Error in server: …", whatever ``kpidsl.lang`` says; it is E005 in the user's language,
        the error's own words in brackets (pygls has logged them whole). A request's failure
        is told in its answer, as pygls leaves it. pygls's default also shuts its thread pool
        and closes a TCP server: this server runs no handler on threads and talks over
        standard input and output, and reads on."""
        if source is FeatureRequestError or getattr(error, "answered", False):
            return
        self.tell(CODES["E005"].at(None, text=" ".join(f"{type(error).__name__}: {error}".split())),
                  types.MessageType.Error)

    def tell(self, told: Diagnostic, kind: types.MessageType) -> None:
        """A pop-up of one of the registry's E codes: ``CODE: message (hint)`` in the server's language."""
        hint = told.hint(self.lang)
        self.show(f"{told.code}: {told.message(self.lang)}" + (f" ({hint})" if hint else ""), kind)


server = KpiServer()


def _path(uri: str) -> str:
    return os.path.abspath(to_fs_path(uri) or uri)


def _is_file(uri: str) -> bool:
    """An unsaved buffer (`untitled:`) has no folder, so no rule set to check it with: it is
    left alone, and its made-up path (the server's working folder, joined) never read."""
    return uri.startswith("file:")


def _lines(state: RuleSetState, path: str) -> Lines:
    """A file's text, for converting spans to the editor's positions and back."""
    given = state.given(path)
    return Lines(state.text(path), bom=given is not None and given.startswith("\ufeff"))


def _where(ls: KpiServer, uri: str, position: types.Position | None = None):
    """(path, its rule set, the 1-based point of ``position``) of a document, or None when
    the server has no text of it: an unsaved buffer, or a file the editor has not opened
    and that no open file's rule set holds (read from disk, it might be anything, or
    nothing: a request for it is answered empty)."""
    if not _is_file(uri):
        return None
    path = _path(uri)
    if unquote(uri) in ls.workspace.text_documents:
        state = ls.state_of(path)
        if state.given(path) is None:
            state.set_text(path, ls.workspace.get_text_document(uri).source)
    else:
        state = next((s for s in ls.rule_sets.values() if path in s.files and s.files[path].text is not None), None)
        if state is None:
            return None
    if position is None:
        return path, state, None
    return path, state, _lines(state, path).point(position)


# ---- life cycle and configuration ------------------------------------------------------------------

@server.feature(types.INITIALIZE)
def initialize(ls: KpiServer, params: types.InitializeParams) -> None:
    ls.lang = _lang_from(params.initialization_options) or ls.lang


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: KpiServer, params: types.DidChangeConfigurationParams) -> None:
    lang = _lang_from(params.settings)
    if lang and lang != ls.lang:
        ls.lang = lang
        ls.republish_all()


# ---- documents ----------------------------------------------------------------------------------------

@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: KpiServer, params: types.DidOpenTextDocumentParams) -> None:
    if not _is_file(params.text_document.uri):
        return
    path = _path(params.text_document.uri)
    state = ls.state_of(path)
    state.set_text(path, params.text_document.text)
    ls.publish(state)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: KpiServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    if not _is_file(uri):
        return
    path = _path(uri)
    state = ls.state_of(path)
    if state.set_text(path, ls.workspace.get_text_document(uri).source):
        ls.publish(state)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: KpiServer, params: types.DidCloseTextDocumentParams) -> None:
    if not _is_file(params.text_document.uri):
        return
    path = _path(params.text_document.uri)
    state = ls.state_of(path)
    state.close(path)
    ls.publish(state)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched(ls: KpiServer, params: types.DidChangeWatchedFilesParams) -> None:
    touched = set()
    for change in params.changes:
        path = _path(change.uri)
        if not _is_file(change.uri) or not path.endswith(".kpi"):
            continue
        state = ls.state_of(path)
        state.saved_on_disk(path)
        touched.add(state.root)
    for root in touched:
        ls.publish(ls.rule_sets[root])


# ---- features ----------------------------------------------------------------------------------------

@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: KpiServer, params: types.HoverParams) -> types.Hover | None:
    if (where := _where(ls, params.text_document.uri, params.position)) is None:
        return None
    path, state, (line, column) = where
    text = hovers.hover(state, ls.index_of(state), path, line, column, ls.lang)
    if text is None:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text))


_ITEM_KIND = {"keyword": types.CompletionItemKind.Keyword, "name": types.CompletionItemKind.Reference,
              "snippet": types.CompletionItemKind.Snippet}


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" "]))
def completion(ls: KpiServer, params: types.CompletionParams) -> types.CompletionList:
    if (where := _where(ls, params.text_document.uri, params.position)) is None:
        return types.CompletionList(is_incomplete=False, items=[])
    path, state, (line, column) = where
    found = completions.complete(state.text(path), ls.index_of(state), line, column, state.tree(path))
    items = [
        types.CompletionItem(
            label=i.label, kind=_ITEM_KIND[i.kind], detail=i.detail or None, sort_text=i.sort or None,
            insert_text=i.insert,
            insert_text_format=types.InsertTextFormat.Snippet if i.insert else None,
        )
        for i in found
    ]
    return types.CompletionList(is_incomplete=False, items=items)


def _location(state: RuleSetState, span) -> types.Location:
    return types.Location(from_fs_path(span.path), _lines(state, span.path).range(span))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: KpiServer, params: types.DefinitionParams) -> list[types.Location] | None:
    if (where := _where(ls, params.text_document.uri, params.position)) is None:
        return None
    path, state, (line, column) = where
    index = ls.index_of(state)
    key = index.key_at(path, line, column)
    if key is None or key not in index.definitions:
        return None
    return [_location(state, index.definitions[key])]


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: KpiServer, params: types.ReferenceParams) -> list[types.Location] | None:
    if (where := _where(ls, params.text_document.uri, params.position)) is None:
        return None
    path, state, (line, column) = where
    index = ls.index_of(state)
    key = index.key_at(path, line, column)
    if key is None:
        return None
    spans = index.uses(key)
    if params.context.include_declaration and key in index.definitions:
        spans = [index.definitions[key], *spans]
    return [_location(state, s) for s in spans]


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: KpiServer, params: types.PrepareRenameParams) -> types.Range | None:
    if (where := _where(ls, params.text_document.uri, params.position)) is None:
        return None
    path, state, (line, column) = where
    found = renaming.name_at(ls.renaming_index(state), path, line, column)
    return _lines(state, path).range(found[1]) if found else None


# The kinds of name a results file or workbook names too (a column, an agreement or a round cell,
# a part's `11:survey` column, a formula's input's `8:X1`, a grade in the ระดับตำแหน่ง column:
# kpidsl/results_columns.py).
_IN_RESULTS = {"node", "agreement", "round", "part", "input", "grade"}


@server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
def rename(ls: KpiServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    if (where := _where(ls, params.text_document.uri, params.position)) is None:
        return None
    path, state, (line, column) = where
    index = ls.renaming_index(state)
    try:
        by_file = renaming.rename(state, index, path, line, column, params.new_name)
    except renaming.Refusal as refusal:
        # kpidsl's own sentence, kept as it is (KpiServer.answered): its data names its phrase
        raise JsonRpcInvalidParams(said(refusal.key, ls.lang, **refusal.fields),
                                   data={"phrase": refusal.key}) from None
    if not by_file:
        return None
    key = index.key_at(path, line, column)
    if key is not None and key[0] in _IN_RESULTS:
        ls.show(said("lsp-rename-results", ls.lang, old=key[2], name=params.new_name))
    changes = {}
    for file, spans in by_file.items():
        lines = _lines(state, file)
        changes[from_fs_path(file)] = [types.TextEdit(lines.range(span), params.new_name) for span in spans]
    return types.WorkspaceEdit(changes=changes)


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: KpiServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
    if (where := _where(ls, params.text_document.uri)) is None:
        return None
    path, state, _ = where
    if state.files[path].text is None:
        return None  # not text (the file's diagnostic says why, F005): nothing to format, nor to write over
    text = state.text(path)
    result = format_text(text, path)
    if result.text is None:
        if result.diagnostics:
            first = next((d.span.line for d in result.diagnostics if d.span), 1)
            refusal = CODES["E002"].at(None, path=os.path.basename(path), line=first)
        else:
            failure = result.failure
            refusal = CODES["E003"].at(None, path=os.path.basename(path),
                                       check=failure.check_name() if failure else "?",
                                       detail=failure.detail if failure else "")
        ls.show(f"{refusal.code}: {refusal.message(ls.lang)}", types.MessageType.Error)
        return None
    # the editor's line ends and byte-order mark kept, as `kpidsl fmt` keeps a file's
    given = state.given(path)
    saved = text if given is None else given
    formatted = as_saved(result.text, saved)
    if formatted == saved:
        return []
    return [types.TextEdit(types.Range(types.Position(0, 0), _lines(state, path).end()), formatted)]


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_action(ls: KpiServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    if (where := _where(ls, params.text_document.uri)) is None:
        return []
    path, state, _ = where
    return code_actions.actions(params.text_document.uri, _lines(state, path), list(params.context.diagnostics),
                                ls.lang)


@server.command(code_actions.SHOW_COMMAND)
def show_message(ls: KpiServer, *args: Any) -> None:
    # The command's one argument is the text to show; clients pass it as a list.
    flat = args[0] if len(args) == 1 and isinstance(args[0], list) else args
    ls.show(" ".join(str(a) for a in flat))


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def symbols(ls: KpiServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    if (where := _where(ls, params.text_document.uri)) is None:
        return []
    path, state, _ = where
    doc = state.tree(path)
    return document_symbols(doc, _lines(state, path)) if doc is not None else []


@server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL,
                types.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=[]))
def tokens(ls: KpiServer, params: types.SemanticTokensParams) -> types.SemanticTokens:
    if (where := _where(ls, params.text_document.uri)) is None:
        return types.SemanticTokens(data=[])
    path, state, _ = where
    doc = state.tree(path)
    return types.SemanticTokens(data=semantic_tokens(doc, _lines(state, path)) if doc is not None else [])


# The most a message from the editor may hold: a rule file is read up to source.MAX_BYTES,
# and its text escaped in JSON (\uXXXX) is at most six times that, with room to spare.
MOST_MESSAGE_BYTES = 64 * 1024 * 1024
MOST_HEADER_BYTES = 4096


class _BoundedInput:
    """Standard input as pygls reads it (kpidsl/lsp/server.py run), within bounds: a header
    line is cut at MOST_HEADER_BYTES, and a Content-Length past MOST_MESSAGE_BYTES, which
    would be held in memory whole, is told (E004) and read as the end of the input, so the
    server stops (exit 2) rather than fail on memory."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.refused = False

    def readline(self) -> bytes:
        return self.raw.readline(MOST_HEADER_BYTES)

    def read(self, n: int = -1) -> bytes:
        if n < 0 or n > MOST_MESSAGE_BYTES:
            self.refused = True
            lang = lang_from_env()
            d = CODES["E004"].at(None, size=n, most=MOST_MESSAGE_BYTES // (1024 * 1024))
            print(f"kpidsl lsp: E004: {d.message(lang)}", file=sys.stderr, flush=True)
            return b""
        return self.raw.read(n)


class _OneLine(logging.Filter):
    """pygls logs a message it cannot handle (a body that is not JSON) with its traceback:
    one line instead, the exception's type and words, so the editor's log reads as
    kpidsl's other messages do."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            record.msg = f"kpidsl lsp: {record.getMessage()}: " + " ".join(f"{type(error).__name__}: {error}".split())
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        elif "\n" in record.getMessage():
            # a traceback written into the message (pygls's "Unable to deserialize message"):
            # its first line; the exception follows as a line of its own
            record.msg = f"kpidsl lsp: {record.getMessage().splitlines()[0]}"
            record.args = ()
        return True


def run() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_OneLine())
    pygls_log = logging.getLogger("pygls")
    pygls_log.addHandler(handler)
    pygls_log.propagate = False
    stdin = _BoundedInput(sys.stdin.buffer)
    server.start_io(stdin=stdin)
    if stdin.refused:
        sys.exit(2)
