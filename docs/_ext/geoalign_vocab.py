"""The ``geoalign-enum`` directive: a table of an enum's values, read from the code.

``.. geoalign-enum:: RelationshipKind`` renders one row per member of
``geoalign.RelationshipKind``: its value, the meaning given in the member's docstring and,
for relationship kinds, whether the kind is directed and whether it counts as alignment.
The pages can then never disagree with the vocabulary the loader accepts.
"""

from __future__ import annotations

import enum
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

import geoalign


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


class EnumTable(SphinxDirective):
    """Render a list-table of the members of one of geoalign's enums."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        kind: type[enum.Enum] = getattr(geoalign, self.arguments[0])
        docs = ModuleAnalyzer.for_module(kind.__module__).find_attr_docs()
        traits = kind is geoalign.RelationshipKind
        rows = [["value", "directed", "alignment", "meaning"] if traits else ["value", "meaning"]]
        for member in kind:
            meaning = " ".join(" ".join(docs.get((kind.__name__, member.name), [])).split())
            traits_cells = [_yes(member.directed), _yes(member.alignment)] if traits else []
            rows.append([f"``{member.value}``", *traits_cells, meaning])
        lines = [".. list-table::", "   :header-rows: 1", ""]
        for row in rows:
            lines.append(f"   * - {row[0]}")
            lines.extend(f"     - {cell}" for cell in row[1:])
        return self.parse_text_to_nodes("\n".join(lines))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("geoalign-enum", EnumTable)
    # The documents page belongs with the vocabulary: what the data holds, shown from it.
    app.setup_extension("geoalign_documents")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
