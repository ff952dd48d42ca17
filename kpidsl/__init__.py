"""kpidsl: Thai public-sector performance-evaluation rules as data.

Rule files (.kpi) are parsed into an AST (kpidsl.syntax), checked
(kpidsl.check), compiled into a scoring plan and rendered into forms.
"""

__version__ = "0.1.0"
