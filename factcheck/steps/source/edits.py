"""String helpers of the lookalike checks: skeletons, homoglyphs, IDNA, edit distances."""

from __future__ import annotations

import unicodedata

_HOMOGLYPHS = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i",
        "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ɡ": "g", "ο": "o", "α": "a", "ν": "v",
        "ι": "i", "κ": "k", "ρ": "p", "τ": "t", "ϲ": "c", "ԝ": "w",
        "0": "o", "1": "l", "i": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
    }
)  # fmt: skip


def _flat_variants(domain: str) -> frozenset[str]:
    """``who.int`` -> {whoint, who-int}; ``nhc.gov.cn`` also -> {nhcgov, nhc-gov}."""
    labels = domain.split(".")
    out = set()
    for end in range(2, len(labels) + 1):
        part = labels[:end]
        out.update({"".join(part), "-".join(part)})
    return frozenset(v for v in out if len(v) >= 5)


def _skeleton(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().translate(_HOMOGLYPHS)
    return text.replace("rn", "m").replace("vv", "w").replace("-", "")


def _decode_idna(host: str) -> str:
    if "xn--" not in host:
        return host
    labels = []
    for label in host.split("."):
        try:
            labels.append(
                label.encode("ascii").decode("idna") if label.startswith("xn--") else label
            )
        except UnicodeError:
            labels.append(label)
    return ".".join(labels)


def _one_edit_apart(a: str, b: str) -> bool:
    """Exactly one substitution, insertion, deletion or adjacent swap apart, in O(n)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


def _two_edits_apart(a: str, b: str) -> bool:
    """Exactly two edits apart. An edit removes at most one of the letters missing from the
    other string, so a pair with three or more such letters is ruled out before the
    quadratic :func:`_distance` (nearly every pair an unrelated host makes)."""
    if len(set(a) - set(b)) > 2 or len(set(b) - set(a)) > 2:
        return False
    return _distance(a, b) == 2


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps)."""
    if abs(len(a) - len(b)) > 2:
        return 3
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, prev2[j - 2] + 1)
            cur.append(value)
        prev2, prev = prev, cur
    return prev[-1]
