"""Hypothesis profiles (see docs/hardening.md).

    ci         default: a few dozen examples per property, the whole suite stays fast
    thorough   HYPOTHESIS_PROFILE=thorough: 100,000 examples in all across the properties
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

#: Number of @given properties in the suite that run on the profile's max_examples; the
#: thorough profile gives each an equal share of THOROUGH_TOTAL.
PROPERTIES = 17
THOROUGH_TOTAL = 100_000

_common = dict(
    deadline=None,  # the first call builds the pipeline; wall-clock limits are for benchmarks
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    print_blob=True,
)
settings.register_profile("ci", max_examples=30, **_common)
settings.register_profile("thorough", max_examples=-(-THOROUGH_TOTAL // PROPERTIES), **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
