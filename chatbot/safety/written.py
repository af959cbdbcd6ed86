"""How the safety files' compact texts are read: word lists as one text, examples
a message a line, flag patterns one a line (TOML reads a few long strings far faster
than thousands of short ones, and start-up is paid on every run)."""


def split(value: object) -> object:
    """A word list written as one text, terms between commas or line breaks: TOML
    reads one long string about four times faster than an array of 3,000 short ones,
    and start-up is paid on every run."""
    if isinstance(value, str):
        return [term.strip() for line in value.splitlines() for term in line.split(",")
                if term.strip()]
    return value


def lines(value: object) -> object:
    """Examples written as one text, a message a line (messages may hold commas)."""
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return value


def patterns(value: object) -> object:
    """Patterns written one a line: "limb + weak + side ; onset, unknown safety_net"."""
    if not isinstance(value, str):
        return value
    out = []
    for line in value.splitlines():
        slots, _, options = line.partition(";")
        if not slots.strip():
            continue
        pattern: dict[str, object] = {"all": [s.strip() for s in slots.split("+")]}
        for option in filter(None, (o.strip() for o in options.split(","))):
            key, _, arg = option.partition(" ")
            if key in ("unknown", "within", "about"):
                pattern["unknown_onset" if key == "unknown" else key] = arg
            else:
                pattern["tier"] = option
        out.append(pattern)
    return out
