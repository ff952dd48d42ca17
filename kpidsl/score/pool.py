"""The raise pool of a batch (seed 001, ว 28/52 ข้อ 1 and 3; step 6 "พิจารณาผลการประเมินกับ
วงเงินงบประมาณ"): a declared share (3 %) of the salaries held on the round's date, kept per
declared pool group, against the raises given.

Each evaluation whose results row gives a ``salary`` is counted: its salary goes into the
pool of its framework, round and ``group`` (a group the salary block declares, e.g.
วิชาการ + ทั่วไป, บริหาร, อำนวยการ; one pool for all when it declares none), and its raise
amount (the engine's, from that salary and grade) into the raises given. At the end each
pool is pool = share × Σ salaries / 100, left = pool − given. The salary block's declared
``leftover`` (kpidsl/policies.py POOL_LEFTOVER: "ใช้วงเงินในแต่ละกลุ่มก่อน หากมีเหลือค่อยเกลี่ย")
decides when a batch gives too much: ``spread`` — what a group leaves may cover another's,
so the error is the round's raises above the round's pools together; ``keep`` — each group
on its own.

Each pool keeps its sums and one location, whatever the number of rows: the pool grows
with every salary counted, so which row's raise first went past it is known only once the
last row is read, and finding it would mean keeping every raise (memory growing with the
rows) or reading the results twice. The error (Q042) is located instead at the last
results row (by file and line) that gave the pool a raise: the row that completed the
raises found too many, the place a reader going down the file sees the total reached.
Two ledgers of consecutive parts of a batch (``score --jobs``) merge by adding the sums
and keeping the later location, so one process and several give the same error.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Mapping

import attrs

from ..diagnostics.cli_texts import both, said
from ..diagnostics.hints import hint
from ..diagnostics.model import Diagnostic
from ..diagnostics.registry import CODES, Bi
from ..diagnostics.span import Span
from ..outputs.terminal import shown
from ..plan.model import Agreement, Framework, Pool, Salary
from ..written_dates import day_said
from .numbers import CONTEXT, money, plain, quantize

HUNDRED = Decimal(100)


@attrs.frozen
class PoolLine:
    """One pool of a batch: its framework, round and group, the share declared, the
    salaries counted, the pool, the raises given and what is left (negative: overspent)."""

    framework: str
    round: str | None
    group: str | None
    title: str | None
    percent: Decimal
    people: int
    salaries: Decimal
    pool: Decimal
    given: Decimal
    left: Decimal
    on: dt.date | None = None  # the date the salaries are held on (1 มี.ค. / 1 ก.ย.)


@attrs.define
class _Account:
    percent: Decimal
    title: str | None
    on: dt.date | None
    people: int = 0
    salaries: Decimal = Decimal(0)
    given: Decimal = Decimal(0)  # the raises given
    last: Span | None = None  # the last row (in file order) that gave a raise


def pool_rule(salary: Salary, round_id: str | None) -> Pool | None:
    """The pool declared for ``round_id`` (a pool naming no round serves every round)."""
    pools = salary.pools
    return next((p for p in pools if p.round == round_id), None) or \
        next((p for p in pools if p.round is None), None)


class PoolLedger:
    """The pools of one batch, filled evaluation by evaluation (``add``), closed by ``finish``."""

    def __init__(self) -> None:
        self.accounts: dict[tuple[str, str | None, str | None], _Account] = {}
        self.leftover: dict[str, str] = {}

    def add(self, framework: Framework, agreement: Agreement, round_id: str | None, salary: Decimal | None,
            group: str | None, amount: Decimal | None, span: Span, group_span: Span | None = None
            ) -> list[Diagnostic]:
        """Count one evaluation (only those whose results give a ``salary`` are passed in).
        ``span`` is the row's; ``group_span`` the group's cell, where a group blank (Q054) or
        not declared (Q041) is told: the cell the officer mends (the row's when not given)."""
        rules = framework.salary
        if rules is None:
            return []
        round_id = round_id or agreement.round_id
        pool = pool_rule(rules, round_id)
        if pool is None:
            return []
        who = Bi(*both("pool-agreement", agreement=agreement.id))
        if salary is None:
            return [CODES["Q043"].at(span, what=who)]
        groups = {g.id: g.title for g in rules.groups}
        if groups and group not in groups:
            code = "Q041" if group else "Q054"
            return [CODES[code].at(group_span or span, group=group or "", framework=framework.id,
                                   groups=", ".join(groups))]
        account = self._account(framework, pool, round_id, group, groups)
        account.people += 1
        account.salaries += salary
        if amount:
            account.given += amount
            account.last = span
        return []

    def add_totals(self, framework: Framework, round_id: str | None, group: str | None, people: int,
                   salaries: Decimal, given: Decimal, last: Span | None) -> None:
        """Count ``people`` evaluations at once, by their sums (the SQL engine's grouped query,
        kpidsl/sql/run.py): the salaries they hold, the raises they give, and the last row
        (in file order) that gave one. ``round_id`` is the round they are for (the agreement's
        when the row names none); ``group`` a group the framework declares, or None when it
        declares none. Rows that would be an error for ``add`` (Q041, Q043) are the caller's
        to keep out: they go through ``add``."""
        rules = framework.salary
        pool = pool_rule(rules, round_id) if rules is not None else None
        if pool is None or people == 0:
            return
        account = self._account(framework, pool, round_id, group, {g.id: g.title for g in rules.groups})
        account.people += people
        account.salaries += salaries
        account.given += given
        if last is not None and (account.last is None or
                                 (last.path, last.line) > (account.last.path, account.last.line)):
            account.last = last

    def _account(self, framework: Framework, pool: Pool, round_id: str | None, group: str | None,
                 groups: dict[str, str]) -> "_Account":
        """The account of a round's pool (of the group, where the framework declares groups)."""
        key = (framework.id, round_id, group if groups else None)
        account = self.accounts.get(key)
        if account is None:
            on = pool.on.end if pool.on else None
            account = self.accounts[key] = _Account(pool.percent, groups.get(group) if groups else None, on)
        self.leftover[framework.id] = framework.salary.leftover or "spread"
        return account

    def state(self) -> dict:
        """What the ledger holds, as plain values (a worker of `score --jobs`, kpidsl/score/parts.py)."""
        return {"leftover": self.leftover, "accounts": [
            [list(key), str(a.percent), a.title, a.on.isoformat() if a.on else None, a.people, str(a.salaries),
             str(a.given), attrs.asdict(a.last) if a.last else None] for key, a in self.accounts.items()]}

    def merge(self, state: dict) -> None:
        """Count the evaluations of ``state`` (a ledger's, of the rows after this one's) too."""
        for key, percent, title, on, people, salaries, given, last in state["accounts"]:
            key = tuple(key)
            account = self.accounts.get(key)
            if account is None:
                account = self.accounts[key] = _Account(Decimal(percent), title,
                                                        dt.date.fromisoformat(on) if on else None)
            account.people += people
            account.salaries += Decimal(salaries)
            account.given += Decimal(given)
            if last is not None:  # the rows of ``state`` come after this ledger's
                account.last = Span(**last)
        self.leftover.update(state["leftover"])

    def lines(self) -> list[PoolLine]:
        out = []
        for (fw, rnd, group), a in sorted(self.accounts.items(), key=lambda kv: tuple(str(k) for k in kv[0])):
            pool = CONTEXT.divide(CONTEXT.multiply(a.percent, a.salaries), HUNDRED)
            out.append(PoolLine(fw, rnd, group, a.title, a.percent, a.people, a.salaries, pool, a.given,
                                pool - a.given, a.on))
        return out

    def finish(self) -> tuple[list[PoolLine], list[Diagnostic]]:
        """The pools, and a Q042 for each group (``keep``) or round (``spread``) given more than its pool."""
        lines = self.lines()
        diags: list[Diagnostic] = []
        by_key = {(ln.framework, ln.round, ln.group): ln for ln in lines}
        if not lines:
            return lines, diags
        rounds = sorted({(ln.framework, ln.round) for ln in lines}, key=lambda k: (k[0], str(k[1])))
        for fw, rnd in rounds:
            keys = [k for k in self.accounts if k[:2] == (fw, rnd)]
            if self.leftover.get(fw) == "keep" or keys == [(fw, rnd, None)]:
                for key in keys:
                    ln = by_key[key]
                    if ln.given > ln.pool:
                        who = Bi(*both("pool-group", group=ln.group) if ln.group else both("pool-the-pool"))
                        diags.append(self._over(self.accounts[key].last, ln.pool, ln, who, hint()))
            else:
                pool = sum((by_key[k].pool for k in keys), Decimal(0))
                given = sum((by_key[k].given for k in keys), Decimal(0))
                if given > pool:
                    last = max((self.accounts[k].last for k in keys if self.accounts[k].last),
                               key=lambda span: (span.path, span.line))
                    salaries = sum((by_key[k].salaries for k in keys), Decimal(0))
                    total = PoolLine(fw, rnd, None, None, by_key[keys[0]].percent, 0, salaries, pool, given,
                                     pool - given)
                    diags.append(self._over(last, pool, total, Bi(*both("pool-round-together", round=rnd)),
                                            hint("pool-leftover-spread")))
        return lines, diags

    @staticmethod
    def _over(where: Span, pool: Decimal, line: PoolLine, who: Bi, advice: Mapping[str, str]) -> Diagnostic:
        return CODES["Q042"].at(where, what=who, given=baht(line.given), pool=baht(pool),
                                percent=plain(line.percent), salaries=baht(line.salaries), **advice)


def baht(value: Decimal) -> str:
    """A pool's baht rounded half up to satang, written as a salary is written wherever people
    read it (numbers.money: 3,900; 2,520.60), so that a pool line and the amounts it sums agree."""
    return money(quantize(value, 2, "half_up"))


def pool_text(lines: list[PoolLine], lang: str = "th") -> str:
    """The pools as lines for people: per framework, round and group, the pool, the raises
    given and what is left."""
    if not lines:
        return ""
    out = [said("pool-heading", lang)]
    for ln in lines:
        group = f"{ln.group} {ln.title or ''}".strip() if ln.group else "—"
        on = "" if ln.on is None else said("pool-on", lang, date=day_said(ln.on))
        out.append("  " + said("pool-line", lang, framework=ln.framework, round=ln.round or "—", group=group,
                               people=ln.people, on=on, salaries=baht(ln.salaries), percent=plain(ln.percent),
                               pool=baht(ln.pool), given=baht(ln.given), left=baht(ln.left)))
    # Titles come from the rule files: a terminal must show them, not obey them.
    return "\n".join(shown(line) for line in out) + "\n"
