"""The one validator of supplier ESG values (DESIGN.md section 10): every path - portal, JSON-2
API, XLSX/CSV import - turns a raw value into a typed value or an error through ``validate``.

An indicator is described by a plain ``Spec`` so that the rules are testable without Odoo.
Errors are returned as ``(code, params)``; the Odoo model turns them into translated messages.

Rules:

* ``number``: a float, or text parsed as a number (spaces, thin spaces and thousands commas
  removed; a decimal comma accepted when it is the only separator). Empty = no answer.
* ``boolean``: True/False, 1/0, or text yes/no/true/false/y/n/1/0 and 是/否 (case-insensitive).
* ``selection``: one of the indicator's options, compared case-insensitively; the stored value
  is the option as written in the catalogue.
* ``document``: any non-empty text (reference, title or URL of the document).
* Unit: when a unit is given it must be the indicator's unit, compared without case and spaces
  (``tCO2e`` = ``t co2e``), or a unit of the same family in ``CONVERSIONS`` (kgCO2e -> tCO2e,
  MWh -> kWh...), in which case the value is converted into the indicator's unit. No unit given:
  the indicator's unit is assumed.
* Range: ``min_value`` / ``max_value`` apply only when set (``None`` = no bound), after unit
  conversion, bounds included. Whatever the bounds, a number beyond ``MAX_MAGNITUDE`` (1e15,
  also after conversion) is refused (``too_large``): a typing or export mistake that would
  overflow the totals computed from it.
* Texts (selection, document): NUL characters are dropped (PostgreSQL refuses them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

VALUE_TYPES = ("number", "boolean", "selection", "document")

TRUE_WORDS = {"1", "true", "yes", "y", "是", "有", "on"}
FALSE_WORDS = {"0", "false", "no", "n", "否", "无", "off"}

# Same bound as perf_synergy's input mixin (synergy.finite.mixin).
MAX_MAGNITUDE = 1e15

# Unit families: factor to the family's base unit. A value in one unit is converted to another
# unit of the same family; units of different families never convert.
CONVERSIONS: dict[str, tuple[str, float]] = {
    "kgco2e": ("co2e", 1.0),
    "tco2e": ("co2e", 1000.0),
    "ktco2e": ("co2e", 1_000_000.0),
    "kwh": ("energy", 1.0),
    "mwh": ("energy", 1000.0),
    "gwh": ("energy", 1_000_000.0),
    "gj": ("energy", 277.7777777777778),
    "l": ("volume", 0.001),
    "m3": ("volume", 1.0),
    "ml": ("volume", 1000.0),  # megalitre (water reporting), not millilitre
    "kg": ("mass", 1.0),
    "t": ("mass", 1000.0),
    "%": ("ratio", 1.0),
    "percent": ("ratio", 1.0),
}


@dataclass(frozen=True)
class Spec:
    """What the validator needs to know about an indicator."""

    code: str
    value_type: str = "number"
    unit: str = ""
    min_value: float | None = None
    max_value: float | None = None
    options: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Result:
    """Outcome of one value: ``ok`` with ``value`` (float, bool, str or None for no answer), or
    an error ``code`` with its ``params``."""

    ok: bool
    value: object = None
    code: str = ""
    params: dict = field(default_factory=dict)


def normalize_unit(unit) -> str:
    return "".join(str(unit or "").split()).lower().replace("₂", "2").replace("³", "3")


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """``value`` in ``from_unit`` expressed in ``to_unit``; None when they do not convert."""
    source, target = normalize_unit(from_unit), normalize_unit(to_unit)
    if source == target:
        return value
    if source not in CONVERSIONS or target not in CONVERSIONS:
        return None
    (family_from, factor_from), (family_to, factor_to) = CONVERSIONS[source], CONVERSIONS[target]
    if family_from != family_to:
        return None
    return value * factor_from / factor_to


def parse_number(raw) -> float | None:
    """A finite float from a number or a typed text; None when it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        try:
            number = float(raw)
        except OverflowError:  # an integer beyond the float range (JSON allows it)
            return None
        return number if math.isfinite(number) else None
    text = "".join(str(raw).split()).replace("\u202f", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text and "." not in text and text.count(",") == 1 and len(text.split(",")[1]) != 3:
        text = text.replace(",", ".")  # decimal comma: 12,5
    else:
        text = text.replace(",", "")  # thousands separators: 12,500.5
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def clean_text(raw) -> str:
    """``raw`` as a stripped text without NUL characters."""
    return str(raw).replace("\x00", "").strip()


def too_large(number: float) -> Result | None:
    """The ``too_large`` error when ``number`` is beyond ``MAX_MAGNITUDE``, else None."""
    if abs(number) > MAX_MAGNITUDE:
        return Result(False, code="too_large", params={"value": number, "max": MAX_MAGNITUDE})
    return None


def is_empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def validate(spec: Spec, raw, unit=None) -> Result:
    """Validate one raw value (as typed or sent) against ``spec``; see the module docstring."""
    if spec.value_type not in VALUE_TYPES:
        return Result(False, code="bad_type", params={"type": spec.value_type})
    if is_empty(raw):
        return Result(True, None)
    if spec.value_type == "boolean":
        if isinstance(raw, bool):
            return Result(True, raw)
        word = str(raw).strip().lower()
        if word in TRUE_WORDS:
            return Result(True, True)
        if word in FALSE_WORDS:
            return Result(True, False)
        return Result(False, code="not_boolean", params={"value": str(raw)})
    if spec.value_type == "selection":
        text = clean_text(raw)
        for option in spec.options:
            if option.lower() == text.lower():
                return Result(True, option)
        return Result(
            False,
            code="not_option",
            params={"value": text, "options": ", ".join(spec.options)},
        )
    if spec.value_type == "document":
        if isinstance(raw, (dict, list)):
            return Result(False, code="not_text", params={"value": str(raw)})
        return Result(True, clean_text(raw) or None)
    number = parse_number(raw)
    if number is None:
        return Result(False, code="not_number", params={"value": clean_text(raw)[:40]})
    if too_large(number):
        return too_large(number)
    if not is_empty(unit) and normalize_unit(unit) != normalize_unit(spec.unit):
        converted = convert(number, str(unit), spec.unit)
        if converted is None:
            return Result(
                False, code="bad_unit", params={"unit": str(unit), "expected": spec.unit or "-"}
            )
        number = converted
        if too_large(number):
            return too_large(number)
    if spec.min_value is not None and number < spec.min_value:
        return Result(
            False,
            code="below_min",
            params={"value": number, "min": spec.min_value, "unit": spec.unit},
        )
    if spec.max_value is not None and number > spec.max_value:
        return Result(
            False,
            code="above_max",
            params={"value": number, "max": spec.max_value, "unit": spec.unit},
        )
    return Result(True, number)


def validate_activity(raw, activity_unit="", unit=None) -> Result:
    """An activity amount of a factor-based indicator: a number >= 0, in the activity unit."""
    if is_empty(raw):
        return Result(True, None)
    spec = Spec(code="activity", value_type="number", unit=activity_unit, min_value=0.0)
    return validate(spec, raw, unit)
