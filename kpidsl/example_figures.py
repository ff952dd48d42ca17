"""What an example's expected line of an indicator can check: the figures `kpidsl test`
compares (kpidsl/score/examples.py), by the field an ``expect`` line names, and the
scored node's attribute each is read from. The checker tells any other field (X002,
kpidsl/check/examples.py) rather than let `kpidsl test` fail it with no figure."""

from __future__ import annotations

NODE_FIGURES: dict[str, str] = {"score": "score", "weighted": "weighted", "result": "value"}
