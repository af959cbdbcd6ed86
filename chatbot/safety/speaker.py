"""Who a red flag is about: the person writing, or someone they are with.

A carer or a child writing "she keeps saying she doesnt want to be here anymore"
needs words for helping her, not "you matter". The subject is the first person the
sign's clause names ("my husband says he...", "mum texted me goodbye"), else the
nearest one before it in the sentence, else the first in the message; "my" just
before a person word ("my mum") belongs to that person.
"""

from __future__ import annotations

from typing import Literal

from chatbot.safety.context import Reading

Who = Literal["self", "other"]


def _people(sentence: list[Reading], roles: dict[str, str]) -> list[tuple[int, int, Who]]:
    """(start, clause, who) of each person word, "my" dropped before another person."""
    found = sorted((r.start, r.end, r.clause, roles[r.concept]) for r in sentence
                   if roles.get(r.concept) in ("person_self", "person_other"))
    out: list[tuple[int, int, Who]] = []
    for i, (start, end, clause, role) in enumerate(found):
        following = found[i + 1] if i + 1 < len(found) else None
        if (role == "person_self" and following and following[0] == end
                and following[3] == "person_other"):
            continue  # "my mum": the mum
        out.append((start, clause, "self" if role == "person_self" else "other"))
    return out


def who(readings: list[list[Reading]], sentence: int, start: int,
        roles: dict[str, str]) -> Who:
    people = _people(readings[sentence], roles)
    clause = next((r.clause for r in readings[sentence] if r.start == start), None)
    in_clause = [p for p in people if p[1] == clause]
    if in_clause:
        return in_clause[0][2]
    before = [p for p in people if p[0] < start]
    if before:
        return before[-1][2]
    for other in readings:
        people = _people(other, roles)
        if people:
            return people[0][2]
    return "self"
