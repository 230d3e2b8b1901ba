"""The ``geoalign-command`` directive: run the command line at build time, show what it says.

``.. geoalign-command:: sanctions Serbia Russia`` calls :func:`geoalign.cli.main` with
those arguments and renders ``$ geoalign sanctions Serbia Russia`` followed by what the
command printed (standard output, then standard error), run from the docs folder.  ``:status: N`` gives the exit
status the example is meant to have (default 0); any other status is a build warning,
so with ``-W`` a broken example fails the build.  Help text is formatted for 88 columns
whatever the terminal, so the pages do not depend on who built them.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from geoalign.cli import main

COLUMNS = "88"
logger = logging.getLogger(__name__)


def run(argv: list[str], cwd: str) -> tuple[int, str]:
    """Run the command in this process, in ``cwd``; return its exit status and output."""
    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = COLUMNS
    try:
        with (
            contextlib.chdir(cwd),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            status = main(argv)
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    return status, out.getvalue() + err.getvalue()


class Command(SphinxDirective):
    """Render one run of the ``geoalign`` command as a console session."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {"status": directives.nonnegative_int}  # noqa: RUF012 - docutils' API

    def run(self) -> list[nodes.Node]:
        # The output depends on the code and the data, not on this page: read it afresh
        # at every build.
        self.env.note_reread()
        argv = shlex.split(self.arguments[0])
        # Paths in the examples are relative to the docs folder, as in the doctests.
        status, printed = run(argv, str(self.env.srcdir))
        expected = self.options.get("status", 0)
        text = f"$ geoalign {self.arguments[0]}\n{printed.rstrip()}"
        block = nodes.literal_block(text, text, language="console")
        self.set_source_info(block)
        if status != expected:
            logger.warning(
                "'geoalign %s' exited with %d, not %d",
                self.arguments[0],
                status,
                expected,
                location=block,
            )
        return [block]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("geoalign-command", Command)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
