"""Arithmetic consistency of the figures: findings become warnings, never corrections."""

from __future__ import annotations

from collections import defaultdict

from .models import Indicator

#: How far (in percentage points) a stated rate may stray from value/target.
RATE_TOLERANCE = 0.6


def check(indicators: list[Indicator]) -> list[str]:
    """Warnings naming the indicator ids whose stated figures do not add up."""
    warnings: list[str] = []
    by_id = {i.id: i for i in indicators}
    for ind in indicators:
        warnings += _rate(ind)
        if ind.unit == "%" and ind.value > 100 and ind.change is None:
            warnings.append(f"{ind.id}: share {ind.value:g}% is over 100%")
        # an achievement rate over 100% is a plan exceeded ("vượt kế hoạch"), not an error
        warnings += _change(ind)
    warnings += _breakdowns(indicators, by_id)
    return warnings


def _rate(ind: Indicator) -> list[str]:
    if ind.target in (None, 0) or ind.percent is None or ind.unit == "%":
        return []
    computed = 100.0 * ind.value / ind.target  # type: ignore[operator]
    if abs(computed - ind.percent) > RATE_TOLERANCE:
        return [
            f"{ind.id}: {ind.value:g}/{ind.target:g} is {computed:.1f}%, "
            f"but the text states {ind.percent:g}%"
        ]
    return []


def _change(ind: Indicator) -> list[str]:
    change = ind.change
    if change is None:
        return []
    out = []
    if change.from_ is not None and change.direction is not None:
        went_up = ind.value > change.from_
        if went_up != (change.direction == "increase") and ind.value != change.from_:
            out.append(f"{ind.id}: change from {change.from_:g} to {ind.value:g} contradicts '{change.direction}'")
    if change.from_ is not None and change.delta is not None and change.delta_unit is None:
        if abs(abs(ind.value - change.from_) - change.delta) > 1e-9:
            out.append(f"{ind.id}: from {change.from_:g} to {ind.value:g} is not a change of {change.delta:g}")
    if change.reference_year is not None and ind.year is not None and change.reference_year > ind.year:
        out.append(f"{ind.id}: compared with {change.reference_year}, later than the figure's year {ind.year}")
    return out


def _breakdowns(indicators: list[Indicator], by_id: dict[str, Indicator]) -> list[str]:
    children: dict[str, list[Indicator]] = defaultdict(list)
    for ind in indicators:
        if ind.parent is not None:
            children[ind.parent].append(ind)
    out = []
    for parent_id, kids in children.items():
        parent = by_id.get(parent_id)
        if parent is None:
            out.append(f"{kids[0].id}: parent {parent_id} does not exist")
            continue
        same_unit = [k for k in kids if k.unit == parent.unit]
        if len(same_unit) < 2 or parent.unit == "%":
            continue
        total = sum(k.value for k in same_unit)
        ids = "+".join(k.id for k in same_unit)
        if total > parent.value + 1e-9:
            out.append(f"{parent_id}: its parts {ids} sum to {total:g}, more than {parent.value:g}")
    return out
