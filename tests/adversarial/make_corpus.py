"""Generates the big adversarial rule files into a folder (they are not committed).

    python tests/adversarial/make_corpus.py OUT

Each case is a rule-set folder OUT/<case>/ holding one rule file `rules.kpi`; a case
that the scorer can run also gets `results.csv`. The sizes are the ones the tests use:
large enough to cross every limit in kpidsl/syntax/limits.py by far, small enough to
check in a second. `write_corpus(out)` returns {case: folder}.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kpidsl.syntax import limits

LADDER = "65 70 75 80 85"


def framework(depth: int, *, terms: int = 0, parens: int = 0, ladder: str = LADDER, year: str = "2555",
              weight: str = "100") -> str:
    """A valid framework whose indicator tree is `depth` nodes deep (one node per level,
    each weighted 100), its innermost indicator with the ladder given and, if `terms`,
    a formula of that many terms, its first term inside `parens` brackets; then an
    agreement on it and a worked example that scores 78 on the ladder."""
    lines = ['framework f "F" {', f"    fiscal_year {year}"]
    indent = "    "
    for level in range(depth):
        lines.append(f'{indent}kpi k{level} "K{level}" weight {weight if level == 0 else 100} {{')
        indent += "    "
    if terms:
        lines.append(f'{indent}input X1 "x"')
        first = "(" * parens + "X1" + ")" * parens
        # X1 − X1 + X1 − …: with an odd number of terms the value is X1 itself.
        ops = [" - " if i % 2 else " + " for i in range(terms - 1)]
        lines.append(f"{indent}value {first}" + "".join(op + "X1" for op in ops))
    lines.append(f"{indent}ladder {ladder}")
    for _ in range(depth):
        indent = indent[:-4]
        lines.append(indent + "}")
    lines.append("}")
    leaf = f"k{depth - 1}"
    given = f"{leaf} X1 78" if terms else f"{leaf} result 78"
    lines += ['agreement a "A" {', "    framework f 2555", "}",
              'example "E" {', "    agreement a", f"    given {{ kpi {given} }}", "    expect { total 3.6 }", "}"]
    return "\n".join(lines) + "\n"


def nested_blocks(depth: int) -> str:
    """`depth` blocks one inside the other, each a statement with a block."""
    lines = ['framework f "F" {']
    for level in range(depth - 1):
        lines.append("    " * (level + 1) + f'kpi k{level} "K" weight 100 {{')
    lines.append("    " * depth + f"ladder {LADDER}")
    lines += ["    " * level + "}" for level in range(depth - 1, -1, -1)]
    return "\n".join(lines) + "\n"


def milestones(number: str) -> str:
    return ('framework f "F" {\n    fiscal_year 2555\n    kpi k "K" weight 100 {\n        milestones {\n'
            f'            {number} "step"\n        }}\n    }}\n}}\n')


def nines(count: int) -> str:
    """Two indicators whose weights add up to 100 less 10^-count: 99.99…9."""
    return ('framework f "F" {\n    fiscal_year 2555\n'
            f'    kpi a "A" weight 50 {{ ladder {LADDER} }}\n'
            f'    kpi b "B" weight 49.{"9" * count} {{ ladder {LADDER} }}\n}}\n')


def latin1() -> bytes:
    """A rule file saved by a Western European editor: é, ü and ç in Latin words."""
    return ('framework f "Évaluation générale" {\n    fiscal_year 2555\n'
            '    kpi a "Qualité du süivi, façade" weight 100 { ladder 65 70 75 80 85 }\n}\n').encode("latin-1")


def many_statements(size: int) -> str:
    """`x 1;` repeated to `size` bytes: one unknown key per statement."""
    return "x 1;" * (size // 4)


RESULTS = "agreement,round,{leaf}\na,,78\n"


def cases() -> dict[str, str | bytes]:
    deepest = limits.MAX_TREE_DEPTH
    ops = limits.MAX_FORMULA_OPERATORS
    digits = limits.MAX_INTEGER_DIGITS
    return {
        "blocks_1000": nested_blocks(1000),
        "blocks_at_limit": nested_blocks(limits.MAX_BLOCK_DEPTH),
        "framework_500": framework(500),
        "framework_over_limit": framework(deepest + 1),
        # Every limit reached at once, none crossed: the tree as deep as allowed, its formula
        # as long and as bracketed as allowed and a weight with all the digits allowed.
        "at_limits": framework(deepest, terms=ops + 1 if ops % 2 == 0 else ops, parens=limits.MAX_PAREN_DEPTH,
                               weight="100." + "0" * limits.MAX_FRACTION_DIGITS,
                               ladder="65 70 75 80 " + "9" * digits),
        "formula_500": framework(1, terms=500),
        "formula_1000": framework(1, terms=1000),
        "parens_deep": framework(1, terms=1, parens=1000),
        "year_4301": framework(1, year="2" * 4301),
        "milestone_4301": milestones("1" * 4301),
        "ladder_100000": framework(1, ladder="65 70 75 80 " + "8" * 100_000),
        "number_over_limit": framework(1, ladder="65 70 75 80 8" + "0" * digits),
        "weight_nines": nines(limits.MAX_FRACTION_DIGITS),
        "latin1": latin1(),
        "statements_40kb": many_statements(40 * 1024),
    }


def write_corpus(out: Path) -> dict[str, Path]:
    folders: dict[str, Path] = {}
    for name, content in cases().items():
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "rules.kpi"
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        folders[name] = folder
    at = folders["at_limits"]
    (at / "results.csv").write_text(RESULTS.format(leaf=f"k{limits.MAX_TREE_DEPTH - 1}:X1"), encoding="utf-8")
    return folders


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_corpus.py OUT")
    for name, folder in write_corpus(Path(sys.argv[1])).items():
        print(f"{name}\t{folder}")
