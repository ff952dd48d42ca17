"""The JSON Schema of `score --format json` (kpidsl/outputs/score.schema.json, draft 2020-12,
version 3 of the documents): it ships in the package, every shipped example's output validates
by either engine, explained or not, with milestone steps, a survey sample, a raise and its
amount; and a document with a field changed does not."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.score.report import JSON_VERSION

ROOT = Path(__file__).resolve().parent.parent
RULES_2554, RULES_2555 = ROOT / "rules" / "2554", ROOT / "rules" / "2555"
EXAMPLES = [(RULES_2554, ROOT / "examples" / "janya.csv"), (RULES_2554, ROOT / "examples" / "province_late_2554.csv"),
            (RULES_2555, ROOT / "examples" / "results_2555.csv"),
            (RULES_2554, ROOT / "tests" / "data" / "score" / "individuals_2554.csv"),
            (RULES_2555, ROOT / "tests" / "data" / "score" / "dept_example_2555.json")]


def _schema() -> dict:
    resource = resources.files("kpidsl.outputs").joinpath("score.schema.json")
    return json.loads(resource.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _scored(rules: Path, results: Path, *more: str) -> list:
    result = CliRunner().invoke(main, ["score", str(rules), "--results", str(results), "--format", "json", *more])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _errors(validator, docs) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(docs)]


def test_the_schema_is_a_draft_2020_12_schema_of_this_version():
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$defs"]["evaluation"]["properties"]["version"] == {
        "const": JSON_VERSION, "description": schema["$defs"]["evaluation"]["properties"]["version"]["description"]}


@pytest.mark.parametrize("rules, results", EXAMPLES, ids=[r.name for _, r in EXAMPLES])
@pytest.mark.parametrize("more", [(), ("--explain",), ("--engine", "sql")], ids=["python", "explained", "sql"])
def test_every_shipped_example_s_output_validates(validator, rules, results, more):
    if more[:1] == ("--engine",) and results.suffix == ".json":
        pytest.skip("the sql engine reads CSV, Parquet and .xlsx")
    docs = _scored(rules, results, *more)
    assert docs and _errors(validator, docs) == []


def test_steps_a_sample_a_raise_and_its_amount_validate(validator, tmp_path):
    # indicator 7's steps one by one and the survey's population (seed 003); janya's salary and
    # raise: 2.5% of her base, the upper mid-point 30,600 = 765, up to 10 baht: 770 (seed 001)
    lines = (ROOT / "examples" / "results_2555.csv").read_text(encoding="utf-8").splitlines()
    header, row = lines[0].split(","), lines[1].split(",")
    at = header.index("7")
    steps = tmp_path / "steps.csv"
    steps.write_text(",".join(header[:at] + header[at + 1:] + ["7:1", "7:2", "7:3", "population"]) + "\n"
                     + ",".join(row[:at] + row[at + 1:] + ["2012-02-01", "✓", "2012-03-01", "500"]) + "\n",
                     encoding="utf-8")
    (doc,) = _scored(RULES_2555, steps, "--explain")
    (seven,) = [n for p in doc["nodes"] for d in p["children"] for n in d["children"] if n["id"] == "7"]
    assert seven["steps"]["done"] == [1, 2, 3] and doc["sample_size"]["n"] == "222"
    paid = tmp_path / "paid.csv"
    paid.write_text("agreement,round,person,raise,salary,group,j1:score,j2:score,j3:score,j4:score,j5:score,"
                    "c1:score,c2:score,c3:score,c4:score,c5:score\n"
                    "janya_2554_r1,1,จรรยา เรียบร้อย,2.5%,28000,academic_general,3.5,3,4.5,3,4.5,4,3,4,3,3\n", encoding="utf-8")
    (pay,) = _scored(RULES_2554, paid)
    assert (pay["raise_range"], pay["raise_percent"], pay["amount"]) == (["2.5", "3"], "2.5", "770")
    assert _errors(validator, [doc, pay]) == []


def _changed(doc: dict, change) -> list:
    doc = copy.deepcopy(doc)
    change(doc)
    return [doc]


CHANGES = {
    # a weight padded to the score's places, as the table wrote it: a declared figure is as written
    "weight padded": (lambda d: d["nodes"][0].update(weight="70.0000"), "nodes/0/weight"),
    "weight a number": (lambda d: d["nodes"][0].update(weight=70), "nodes/0/weight"),
    "score a number": (lambda d: d["nodes"][0].update(score=72.0), "nodes/0/score"),
    "version 2": (lambda d: d.update(version=2), "version"),
    "version left out": (lambda d: d.pop("version"), ""),
    "a key renamed": (lambda d: d["nodes"][0].update(contribution=d["nodes"][0].pop("weighted")), "nodes/0"),
    "an unknown kind": (lambda d: d["nodes"][0].update(kind="section"), "nodes/0/kind"),
    "raise range of one": (lambda d: d.update(raise_range=["2.5"]), "raise_range"),
    "a total in words": (lambda d: d.update(total="seventy"), "total"),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_a_changed_field_fails(validator, name):
    (doc,) = [d for d in _scored(RULES_2554, ROOT / "examples" / "janya.csv") if d["person"] == "จรรยา เรียบร้อย"]
    assert _errors(validator, [doc]) == []
    change, where = CHANGES[name]
    errors = _errors(validator, _changed(doc, change))
    assert errors and all(e.startswith(f"0/{where}".rstrip("/") + ":") for e in errors), errors
