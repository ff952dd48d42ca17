"""The version of the plan format (the ``kpidsl_plan`` key a plan starts with), apart from
the compiler so that reading a plan (kpidsl/plan/read.py) loads no checker nor parser."""

PLAN_VERSION = 1
