"""What an example's expected line of an indicator can check: the figures `kpidsl test`
compares (kpidsl/score/examples.py), by the field an ``expect`` line names, and the
scored node's attribute each is read from. The checker tells any other field (X002,
kpidsl/check/examples.py) rather than let `kpidsl test` fail it with no figure."""

from __future__ import annotations

NODE_FIGURES: dict[str, str] = {"score": "score", "weighted": "weighted", "result": "value"}

# The figures of the whole evaluation an ``expect`` line may name, outside any indicator's line:
# those `kpidsl test` compares (kpidsl/score/examples.py _check); any other it cannot check.
WHOLE_FIGURES: tuple[str, ...] = ("total", "penalty", "band", "amount", "sample_size")
