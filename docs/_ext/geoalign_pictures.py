"""Pictures of the data, drawn at build time: ``geoalign-network`` and ``geoalign-timeline``.

``.. geoalign-network:: RUS`` draws :func:`geoalign.interop.plot.plot_network` for that
actor (option ``:as-of:``, default the horizon); ``.. geoalign-timeline:: RUS SYR`` draws
:func:`geoalign.interop.plot.plot_timeline` for one or two actors (options ``:start:``
and ``:end:``).  Both take ``:certainty:`` (``definite``, the default, or ``possible``)
and ``:width:`` (a CSS length, default the page's width).  They
draw from the dataset of the reference pages (``geoalign_reference_path``, by default
the bundled YAML files), and the page is read again when those files change.

Names and dates are checked when the page is read, so a bad one is a build warning
pointing at its line.  The SVG file is drawn when an HTML page is written, into
``_images/geoalign/`` of the output (never into the sources), with the same bytes at
every build: no date in its metadata, fixed SVG ids.  Other builders leave pictures out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar

import matplotlib
from docutils import nodes
from docutils.parsers.rst import directives
from geoalign_reference import data_files, reference_dataset
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from geoalign import GeoalignError, PartialDate
from geoalign.interop.plot import plot_network, plot_timeline

logger = logging.getLogger(__name__)
FOLDER = "geoalign"
"""The pictures' folder, under the output's ``_images``."""
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class picture(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes so
    """A picture to draw when the page is written: what to draw, and its file name."""


def _certainty(value: str) -> str:
    return str(directives.choice(value, ("definite", "possible")))


class _Picture(SphinxDirective):
    option_spec: ClassVar[dict[str, Any]] = {
        "width": directives.unchanged,
        "certainty": _certainty,
    }
    what: ClassVar[str]
    dates: ClassVar[tuple[str, ...]]

    def run(self) -> list[nodes.Node]:
        dataset = reference_dataset(self.config)
        for path in data_files(self.config):
            self.env.note_dependency(str(path))
        options = {name: value for name, value in self.options.items() if name != "width"}
        try:
            for name in self.arguments:
                dataset.resolve(name)
            for option in self.dates:
                if option in options:
                    PartialDate.parse(options[option])
        except GeoalignError as err:
            logger.warning("%s: %s", self.name, err, location=(self.env.docname, self.lineno))
            return []
        stem = "-".join([self.what, *self.arguments, *options.values()])
        node = picture(
            what=self.what,
            arguments=list(self.arguments),
            options=options,
            width=self.options.get("width"),
            file=f"{_UNSAFE.sub('_', stem)}.svg",
        )
        self.set_source_info(node)
        return [node]


class Network(_Picture):
    """``.. geoalign-network:: ACTOR`` with ``:as-of: DATE``."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {**_Picture.option_spec, "as-of": directives.unchanged}
    what = "network"
    dates = ("as-of",)


class Timeline(_Picture):
    """``.. geoalign-timeline:: A [B]`` with ``:start: DATE`` and ``:end: DATE``."""

    required_arguments = 1
    optional_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {
        **_Picture.option_spec,
        "start": directives.unchanged,
        "end": directives.unchanged,
    }
    what = "timeline"
    dates = ("start", "end")


def draw(node: picture, config: Any) -> Any:
    """The figure a picture node stands for."""
    dataset = reference_dataset(config)
    options = node["options"]
    certainty = options.get("certainty", "definite")
    if node["what"] == "network":
        actor = node["arguments"][0]
        return plot_network(dataset, actor, options.get("as-of"), certainty=certainty)
    start, end = options.get("start"), options.get("end")
    return plot_timeline(dataset, *node["arguments"], start=start, end=end, certainty=certainty)


def visit_html(self: SphinxTranslator, node: picture) -> None:
    figure = draw(node, self.builder.config)
    target = Path(self.builder.outdir, "_images", FOLDER, node["file"])
    target.parent.mkdir(parents=True, exist_ok=True)
    # Same bytes at every build: fixed ids in the SVG, and no date in its metadata.
    with matplotlib.rc_context({"svg.hashsalt": "geoalign"}):
        figure.savefig(target, format="svg", metadata={"Date": None})
    source = f"{self.builder.imgpath}/{FOLDER}/{node['file']}"  # type: ignore[attr-defined]
    alt = self.encode(figure.axes[0].get_title())  # type: ignore[attr-defined]
    style = f' style="width: {self.attval(node["width"])}"' if node["width"] else ""  # type: ignore[attr-defined]
    self.body.append(  # type: ignore[attr-defined]
        f'<figure class="geoalign-picture"><img src="{source}" alt="{alt}"{style}></figure>\n'
    )
    raise nodes.SkipNode


def skip(self: SphinxTranslator, node: picture) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    others = dict.fromkeys(("latex", "text", "man", "texinfo"), (skip, None))
    app.add_node(picture, html=(visit_html, None), **others)
    app.add_directive("geoalign-network", Network)
    app.add_directive("geoalign-timeline", Timeline)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
