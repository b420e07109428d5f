"""What the event types of frab, pretalx and other schedule systems mean as kinds of this model."""

from __future__ import annotations

from sphinx_proceedings.data.model import ContributionKind, SlotKind

# Types other systems write, folded to lowercase, and the kind they mean here.
FOREIGN_KINDS = {
    "talk": ContributionKind.contributed_talk,
    "lecture": ContributionKind.contributed_talk,
    "presentation": ContributionKind.contributed_talk,
    "contributed talk": ContributionKind.contributed_talk,
    "invited talk": ContributionKind.invited_talk,
    "lightning talk": ContributionKind.lightning_talk,
    "lightningtalk": ContributionKind.lightning_talk,
    "discussion": ContributionKind.panel,
    "podium": ContributionKind.panel,
    "workshop": ContributionKind.tutorial,
    "hands-on": ContributionKind.tutorial,
}
FOREIGN_SLOT_KINDS = {
    "lunch": SlotKind.meal,
    "dinner": SlotKind.meal,
    "coffee": SlotKind.break_,
    "pause": SlotKind.break_,
}


def kind_of(event_type: str, looks_like_a_talk: bool) -> tuple[ContributionKind | SlotKind, bool]:
    """The kind an event type means, and whether the type was known; an unknown type is a guess (a contributed
    talk when the event has people or an abstract, else an 'other' slot) for the importer to report."""
    folded = event_type.strip().casefold().replace("_", "-")
    for value in (folded, folded.replace(" ", "-")):
        if value in ContributionKind.__members__.values():
            return ContributionKind(value), True
        if value in SlotKind.__members__.values() and value != SlotKind.contribution.value:
            return SlotKind(value), True
    if folded in FOREIGN_KINDS:
        return FOREIGN_KINDS[folded], True
    if folded in FOREIGN_SLOT_KINDS:
        return FOREIGN_SLOT_KINDS[folded], True
    return (ContributionKind.contributed_talk if looks_like_a_talk else SlotKind.other), False
