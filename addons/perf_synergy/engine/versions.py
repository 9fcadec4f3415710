"""Field-by-field difference between two versions of a policy (scheme, linkage matrix)."""

from __future__ import annotations

from collections.abc import Mapping


def diff(old: Mapping[str, object], new: Mapping[str, object]) -> list[tuple[str, object, object]]:
    """[(key, old value, new value)] for every key whose value changed, added or removed, in the
    order of ``old`` then the keys only ``new`` has."""
    keys = list(old) + [key for key in new if key not in old]
    return [(key, old.get(key), new.get(key)) for key in keys if old.get(key) != new.get(key)]
