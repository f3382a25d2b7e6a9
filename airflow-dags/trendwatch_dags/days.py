"""The days of an analyst's backfill request, validated before anything runs."""

from __future__ import annotations

from datetime import date, timedelta


def backfill_days(first: str, last: str, today: date, max_days: int = 366) -> list[str]:
    """Every day from `first` to `last` inclusive, as ISO dates; ValueError with a message naming the problem."""
    try:
        start = date.fromisoformat(str(first).strip())
        end = date.fromisoformat(str(last).strip())
    except ValueError:
        raise ValueError(f"'from' and 'to' must be dates such as 2026-11-20, got from={first!r} to={last!r}") from None
    if end < start:
        raise ValueError(f"'to' {end} is before 'from' {start}")
    if end >= today:
        raise ValueError(f"'to' {end} is not a complete day yet (today is {today}, UTC)")
    days = (end - start).days + 1
    if days > max_days:
        raise ValueError(f"{days} days requested; at most {max_days} per run")
    return [(start + timedelta(days=i)).isoformat() for i in range(days)]
