"""Step 2 headline-body consistency, measured on HanCD Sina (title + content) and ReCOVery.

For each article: the share of the headline's key terms found in its own body, and whether
a strong element (number, claim word, quoted name) is missing. Three questions:

- Does low support go with 标题党 (HanCD) or with unreliable publishers (ReCOVery)?
  AUC of (1 - support), and flag rates by label.
- Does the detector measure consistency at all? Control: each headline against the body of
  another article (a fixed rotation of the list); AUC of (1 - support) for "wrong body".
  A lexical measure that works should separate these clearly.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from factcheck.steps.headline.consistency import headline_support
from training.train_clickbait import load_zh

from .clickbait import titled_recovery_articles
from .common import Row
from .common import auc_labelled as auc

ROTATE = 7  # control: headline i is paired with body i + ROTATE


def _measure(
    area: str, data: str, items: Sequence[tuple[str, str, int]], lang: str, positive: str
) -> list[Row]:
    """items: (headline, body, label); label 1 = the class expected to be less consistent."""
    measured = [(headline_support(h, b, lang), y) for h, b, y in items]
    scored = [(s, y) for s, y in measured if s is not None]
    labels = [y for _, y in scored]
    gaps = [1 - s.ratio for s, _ in scored]
    flag = {
        y: sum(s.flagged for s, lab in scored if lab == y) / max(1, labels.count(y)) for y in (0, 1)
    }
    support = {
        y: sum(s.ratio for s, lab in scored if lab == y) / max(1, labels.count(y)) for y in (0, 1)
    }
    detail = (
        f"mean support {support[1]:.2f} ({positive}) vs {support[0]:.2f}; "
        f"strong term missing {flag[1]:.1%} vs {flag[0]:.1%}"
    )
    rows = [
        Row(
            area, f"AUC of low support for {positive}", auc(labels, gaps), len(scored), data, detail
        )
    ]
    rows.append(_control(area, data, items, lang))
    return rows


def _control(area: str, data: str, items: Sequence[tuple[str, str, int]], lang: str) -> Row:
    bodies = [b for _, b, _ in items]
    own = [headline_support(h, b, lang) for h, b, _ in items]
    other = [
        headline_support(h, bodies[(i + ROTATE) % len(bodies)], lang)
        for i, (h, _, _) in enumerate(items)
    ]
    pairs = [(1 - s.ratio, 0) for s in own if s] + [(1 - s.ratio, 1) for s in other if s]
    flagged_own = sum(s.flagged for s in own if s) / max(1, sum(1 for s in own if s))
    flagged_other = sum(s.flagged for s in other if s) / max(1, sum(1 for s in other if s))
    return Row(
        area,
        "AUC own body vs another article's body (control)",
        auc([y for _, y in pairs], [g for g, _ in pairs]),
        len(pairs),
        data,
        f"strong term missing: own body {flagged_own:.1%}, wrong body {flagged_other:.1%}",
    )


def run(shared: Path) -> list[Row]:
    data = shared / "data"
    hancd = [(e.text, e.body, e.label) for e in load_zh(data)]
    rows = _measure("consistency-zh", "HanCD Sina title+content", hancd, "zh", "标题党")
    recovery = [
        (r["title"].strip(), r.get("body_text") or "", 1 if r["reliability"].strip() == "0" else 0)
        for r in titled_recovery_articles(data)
    ]
    rows += _measure("consistency-en", "ReCOVery title+body_text", recovery, "en", "unreliable")
    return rows
