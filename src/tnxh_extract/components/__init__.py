"""spaCy components of the pipeline; importing this package registers their factories.

Each component does one thing: it runs one recogniser over `doc.text` and writes its
findings to `doc.spans[<name>]`, each span carrying the full record in `span._.record`.
"""

from . import base, decisions, indicators, numbers, periods, places, sentences  # noqa: F401
