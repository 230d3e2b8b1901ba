"""The controlled vocabularies of the data model: kinds of ties, of events, of bodies.

Every enum's values are stable lowercase strings; they are what dataset files and JSON
output contain.  :class:`RelationshipKind` is the one place that says which kinds of
tie are directed and which count as *alignment* for :func:`geoalign.allies_of`.
"""

from __future__ import annotations

import enum
from typing import TypeVar

from geoalign.errors import InvalidValueError

__all__ = [
    "Certainty",
    "Confidence",
    "EventKind",
    "OrganizationKind",
    "RelationshipKind",
    "member",
    "vocabularies",
]

_E = TypeVar("_E", bound=enum.Enum)


class Confidence(enum.Enum):
    """How firmly the sources state a fact: of a record, or of one of its citations.

    >>> Confidence("alleged")
    <Confidence.ALLEGED: 'alleged'>
    """

    CONFIRMED = "confirmed"
    """Stated as fact by the source, or by an official speaking for the actor."""
    REPORTED = "reported"
    """Attributed by the source to a named party, media or officials, and contradicted by
    none ("Reuters reported", "Peskov clarified")."""
    ALLEGED = "alleged"
    """Hedged by the source ("reportedly", "allegedly", "reports suggested")."""
    DISPUTED = "disputed"
    """Cited sources disagree about the fact: some citations assert it, some deny it.
    Only a record is disputed, never a single citation."""
    DENIED = "denied"
    """Of one citation only: the quote says the record's fact is false.  A record with a
    denying citation is ``disputed``."""


class Certainty(enum.Enum):
    """How surely an answer holds, given the bounds of the dates behind it.

    A tie is *definitely* in force on a day when every reading of its dates puts the day
    inside it, *possibly* when some reading does (see :doc:`/semantics`).

    >>> Certainty("possible")
    <Certainty.POSSIBLE: 'possible'>
    """

    DEFINITE = "definite"
    """Every reading of the dates gives this answer."""
    POSSIBLE = "possible"
    """Some reading of the dates gives this answer, and some other reading does not."""


class OrganizationKind(enum.Enum):
    """What sort of body an :class:`~geoalign.Organization` is.

    >>> OrganizationKind("armed_group").value
    'armed_group'
    """

    ALLIANCE = "alliance"
    """A military alliance (NATO, CSTO)."""
    BLOC = "bloc"
    """A political or economic union (the EU)."""
    INTERNATIONAL = "international"
    """An international organization or one of its organs (the UN Security Council)."""
    ARMED_GROUP = "armed_group"
    """A non-state armed group or coalition (HTS, SDF, SNA)."""
    ARMED_FORCES = "armed_forces"
    """A state's armed forces, or a force deployed abroad."""
    AGENCY = "agency"
    """A government body: a ministry, a presidency, a security service, a state centre."""
    COMPANY = "company"
    """A business (NIS)."""
    MEDIA = "media"
    """A news organization, as an actor in events or the maker of a claim (Reuters)."""
    GOVERNMENT = "government"
    """A government or regime as distinct from the state it rules (the Assad regime): its
    ties end when it falls, the state's need not."""
    OTHER = "other"
    """Anything the other kinds do not fit."""


class RelationshipKind(enum.Enum):
    """The kinds of lasting tie, each with two traits.

    * :attr:`directed`: for a directed kind ``a`` acts on ``b`` (``a`` sanctions ``b``);
      for a symmetric kind the order of ``a`` and ``b`` carries no meaning.
    * :attr:`alignment`: whether a tie of this kind makes its two actors allies for
      :func:`geoalign.allies_of`.

    The sets below this class are the one statement of the traits; the table of every
    kind with its traits is built from them when the docs are (:ref:`relationship-kinds`).

    >>> RelationshipKind.SANCTIONS.directed, RelationshipKind.SANCTIONS.alignment
    (True, False)
    >>> RelationshipKind("alliance").alignment
    True
    """

    ALLIANCE = "alliance"
    """A declared alliance or strategic partnership."""
    MILITARY_COOPERATION = "military_cooperation"
    """Joint military or military-technical work."""
    INTELLIGENCE_COOPERATION = "intelligence_cooperation"
    """Cooperation between intelligence or security services."""
    POLITICAL_COOPERATION = "political_cooperation"
    """Agreed consultation or coordination on foreign policy."""
    MILITARY_SUPPORT = "military_support"
    """``a`` backs ``b`` militarily (troops, air power, arms, funding of fighters)."""
    DIPLOMATIC_SUPPORT = "diplomatic_support"
    """``a`` backs ``b`` diplomatically (votes, statements, positions at the UN)."""
    BACKING = "backing"
    """``a`` backs ``b`` without the source saying how ("Turkish-backed militias", "a
    U.S.-backed coalition", "Assad's most influential patron, Iran")."""
    LEANING = "leaning"
    """``a`` is described as pro-``b`` ("the pro-Turkish Syrian National Army"), with no
    alliance or support stated."""
    LEADERSHIP = "leadership"
    """``a`` leads ``b``: a group at the head of a coalition ("Syrian rebels, led by
    HTS"), a state at the head of an alliance ("the Russian lead CSTO")."""
    ARMS_TRANSFER = "arms_transfer"
    """``a`` supplies weapons to ``b``."""
    BASING = "basing"
    """``a`` hosts military bases or facilities of ``b``: a presence, which by itself does
    not make allies (think of a base kept in a hostile state)."""
    DIPLOMATIC_PRESENCE = "diplomatic_presence"
    """``a`` hosts a diplomat or an ambassador of ``b`` ("a Russian diplomat in Austria");
    a presence, not an alignment."""
    MEMBERSHIP = "membership"
    """``a`` is a member of the alliance, bloc or coalition ``b``."""
    SEAT = "seat"
    """``a`` sits in the international body ``b`` (the UN Security Council), which by
    itself makes no allies."""
    OFFSHOOT = "offshoot"
    """``a`` grew out of ``b`` ("HTS, an al-Qaeda offshoot"): an origin, which says
    nothing of the ties between them since."""
    OWNERSHIP = "ownership"
    """``a`` owns ``b`` ("Serbia's Russian-owned petrol industry")."""
    ENERGY_COOPERATION = "energy_cooperation"
    """Agreements on oil, gas or other energy supply."""
    ECONOMIC_COOPERATION = "economic_cooperation"
    """Trade, transport and other economic ties."""
    HEALTH_COOPERATION = "health_cooperation"
    """Agreements in the health sector."""
    SANCTIONS = "sanctions"
    """``a`` imposes sanctions on ``b``."""
    NON_SANCTIONING = "non_sanctioning"
    """A source states that ``a`` has not sanctioned ``b``."""
    NON_SANCTIONING_OR_SUPPORT = "non_sanctioning_or_support"
    """A source states that ``a`` has not sanctioned ``b`` *or* has supported it, without
    saying which ("have not sanctioned or have supported Russia"): neither alone is
    claimed, so this is no answer to whether ``a`` sanctions ``b``."""
    TERRORIST_DESIGNATION = "terrorist_designation"
    """``a`` designates ``b`` a terrorist organization."""
    ASYLUM = "asylum"
    """``a`` grants asylum to ``b``."""
    HOSTILITY = "hostility"
    """Open enmity or armed conflict."""
    NON_COMBAT = "non_combat"
    """A source states that ``a`` and ``b`` are not fighting each other ("Neither the
    pro-Turkish SNA nor the YPG are in active combat with HTS")."""

    @property
    def directed(self) -> bool:
        """Whether ``a`` acts on ``b`` (otherwise the tie is symmetric).

        >>> RelationshipKind.ALLIANCE.directed
        False
        """
        return self in _DIRECTED

    @property
    def alignment(self) -> bool:
        """Whether a tie of this kind makes its actors allies.

        >>> RelationshipKind.HOSTILITY.alignment
        False
        """
        return self in _ALIGNMENT


_DIRECTED = frozenset(
    {
        RelationshipKind.MILITARY_SUPPORT,
        RelationshipKind.DIPLOMATIC_SUPPORT,
        RelationshipKind.BACKING,
        RelationshipKind.LEANING,
        RelationshipKind.LEADERSHIP,
        RelationshipKind.ARMS_TRANSFER,
        RelationshipKind.BASING,
        RelationshipKind.DIPLOMATIC_PRESENCE,
        RelationshipKind.MEMBERSHIP,
        RelationshipKind.SEAT,
        RelationshipKind.OFFSHOOT,
        RelationshipKind.OWNERSHIP,
        RelationshipKind.SANCTIONS,
        RelationshipKind.NON_SANCTIONING,
        RelationshipKind.NON_SANCTIONING_OR_SUPPORT,
        RelationshipKind.TERRORIST_DESIGNATION,
        RelationshipKind.ASYLUM,
    }
)
_ALIGNMENT = frozenset(
    {
        RelationshipKind.ALLIANCE,
        RelationshipKind.MILITARY_COOPERATION,
        RelationshipKind.INTELLIGENCE_COOPERATION,
        RelationshipKind.POLITICAL_COOPERATION,
        RelationshipKind.MILITARY_SUPPORT,
        RelationshipKind.DIPLOMATIC_SUPPORT,
        RelationshipKind.BACKING,
        RelationshipKind.LEANING,
        RelationshipKind.LEADERSHIP,
        RelationshipKind.ARMS_TRANSFER,
        RelationshipKind.MEMBERSHIP,
    }
)


class EventKind(enum.Enum):
    """The kinds of dated happening.

    >>> EventKind("phone_call").value
    'phone_call'
    """

    OFFENSIVE = "offensive"
    """An offensive or military operation launched."""
    INTERVENTION = "intervention"
    """A state's military intervention or invasion abroad begins."""
    CAPTURE = "capture"
    """A city, town or region taken."""
    BATTLE = "battle"
    """Fighting in a place, without a capture reported ("urban battles in Hama")."""
    AIRSTRIKE = "airstrike"
    """Strikes from the air."""
    STRIKE = "strike"
    """Other strikes (missiles, artillery, a "defensive strike")."""
    WITHDRAWAL = "withdrawal"
    """Forces, ships or a member pulling out."""
    FALL = "fall"
    """A government or regime collapses, or a state is dissolved."""
    FLIGHT = "flight"
    """A person flees or leaves a country."""
    MEETING = "meeting"
    """Leaders or officials meet, or one visits another."""
    PHONE_CALL = "phone_call"
    """A telephone conversation."""
    STATEMENT = "statement"
    """A public statement, declaration, warning or claim."""
    REQUEST = "request"
    """A formal request (for help, for asylum)."""
    REFUSAL = "refusal"
    """A request or offer refused."""
    ABANDONMENT = "abandonment"
    """An actor leaves an ally to its fate ("Moscow entirely abandoned Armenia")."""
    PLEDGE = "pledge"
    """A promise of support."""
    OFFER = "offer"
    """An offer made (of help, of talks)."""
    NEGOTIATION = "negotiation"
    """Talks or negotiations held."""
    AGREEMENT = "agreement"
    """An agreement reached or signed."""
    DISMISSAL = "dismissal"
    """An official removed from post."""
    RESIGNATION = "resignation"
    """An official or leader steps down."""
    ASYLUM = "asylum"
    """Asylum granted."""
    DESIGNATION = "designation"
    """A terrorist designation or bounty."""
    SANCTIONS = "sanctions"
    """Sanctions imposed."""
    PROTEST = "protest"
    """Protests or demonstrations."""
    DISASTER = "disaster"
    """A natural or humanitarian disaster."""
    AID = "aid"
    """Humanitarian or relief aid delivered."""
    OTHER = "other"
    """Anything the other kinds do not fit."""


def vocabularies() -> tuple[type[enum.Enum], ...]:
    """Every enum of this module, in the order they are defined: found, not listed.

    >>> [kind.__name__ for kind in vocabularies()]
    ['Confidence', 'Certainty', 'OrganizationKind', 'RelationshipKind', 'EventKind']
    """
    return tuple(
        value
        for value in globals().values()
        if isinstance(value, type) and issubclass(value, enum.Enum) and value.__module__ == __name__
    )


def member(kind: type[_E], value: object) -> _E:
    """The member of the enum ``kind`` that ``value`` is, or whose value it is.

    The one wording of a value outside a vocabulary, whether a dataset file or a query
    argument holds it: the value, what it is not, and every value allowed.  Raises
    :class:`~geoalign.errors.InvalidValueError` (a :class:`ValueError`) for anything else.

    >>> member(Certainty, "possible"), member(Certainty, Certainty.DEFINITE)
    (<Certainty.POSSIBLE: 'possible'>, <Certainty.DEFINITE: 'definite'>)
    >>> member(Certainty, "maybe")
    Traceback (most recent call last):
    ...
    geoalign.errors.InvalidValueError: 'maybe' is not a known certainty (one of: definite, possible)
    """
    if isinstance(value, kind):
        return value
    found = kind._value2member_map_.get(value) if isinstance(value, str) else None
    if found is None:
        shown = repr(str(value) if isinstance(value, str) else value)  # a str subclass as text
        allowed = ", ".join(option.value for option in kind)
        raise InvalidValueError(f"{shown} is not a {_label(kind)} (one of: {allowed})")
    return found  # type: ignore[return-value]  # a member of kind, by its value


def _label(kind: type[enum.Enum]) -> str:
    """``"known relationship kind"`` for ``RelationshipKind``."""
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in kind.__name__).strip()
    return f"known {words}"
