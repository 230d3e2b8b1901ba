"""Hypothesis profiles, chosen with the HYPOTHESIS_PROFILE environment variable.

``dev`` (the default) is quick, for local runs; ``ci`` tries many more examples and
prints the blob that reproduces a failure.  Neither has a deadline: a shared machine's
wall clock says nothing about the code, and tests assert no timings.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile("ci", max_examples=300, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
