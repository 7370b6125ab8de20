"""The sources knowledge base: schema, layers, label-wise lookup, overlay, import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.errors import SourcesFileError
from factcheck.knowledge.sources import OVERLAY_ENV_VAR, SourceDB, default_sources

REPO = Path(__file__).resolve().parent.parent
SHARED_SOURCES = REPO.parent / "shared" / "data" / "sources"


@pytest.fixture(scope="module")
def db() -> SourceDB:
    return SourceDB.load(overlays=())


def test_shipped_file_is_stamped_and_linked_from_the_root(db):
    assert db.version and db.updated.count("-") == 2
    root = REPO / "sources.yaml"
    assert root.is_symlink()
    assert root.resolve() == (REPO / "factcheck" / "data" / "sources.yaml").resolve()


def test_at_least_150_curated_chinese_entries(db):
    chinese = [e for e in db.entries.curated.values() if e.region in {"cn", "hk", "tw", "mo"}]
    assert len(chinese) >= 150
    expected = """nhc.gov.cn chinacdc.cn gov.cn people.com.cn xinhuanet.com cctv.com jksb.com.cn
        dxy.cn dxy.com cma.org.cn pumch.cn wchscu.cn rjh.com.cn gzsums.net piyao.org.cn
        fact.qq.com"""
    for domain in expected.split():
        assert domain in db.entries.curated, domain


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("rt.com", "rt.com"),
        ("www.rt.com", "rt.com"),
        ("arabic.rt.com", "rt.com"),
        ("deviantart.com", None),
        ("www.deviantart.com", None),
        ("notrt.com", None),
        ("rt.com.evil.example", None),
        ("health.people.com.cn", "health.people.com.cn"),
        ("www.people.com.cn", "people.com.cn"),
        ("weekly.chinacdc.cn", "weekly.chinacdc.cn"),
        ("www.chinacdc.cn", "chinacdc.cn"),
        ("wjw.beijing.gov.cn", "wjw.beijing.gov.cn"),
        ("unlisted.beijing.gov.cn", None),  # gov.cn's own entry never covers other sites
    ],
)
def test_lookup_is_label_wise_never_substring(db, host, expected):
    entry = db.lookup(host)
    assert (entry.domain if entry else None) == expected


def test_curated_entries_override_imported_ones(db):
    imported = db.entries.imported["xinhuanet.com"]
    curated = db.lookup("xinhuanet.com")
    assert imported.rating == 31 and "Lin et al. 2023" in imported.origin
    assert curated.kind == "state_media" and curated.rating == 70
    assert curated.origin.startswith("curated")
    # a platform is never rated as a news site, whatever the imported lists say
    assert db.entries.imported["youtube.com"].kind == "news"
    assert db.lookup("youtube.com").kind == "platform" and db.lookup("youtube.com").rating is None


def test_imported_entries_say_which_list_and_when(db):
    entry = db.lookup("infowars.com")
    assert entry is not None and entry.rating is not None and entry.rating < 40
    assert "Lin et al. 2023" in entry.origin and "2023-09-14" in entry.origin
    assert entry.category in {"fake", "unreliable"}
    lin_only = db.lookup("0585news.com")
    assert lin_only.rating == 26 and lin_only.category == "unreliable"
    assert db.lookup("theonion.com").category == "satire"


def test_institutions_have_english_and_chinese_aliases(db):
    for text in (
        "世卫组织称",
        "According to the WHO,",
        "世界卫生组织表示",
        "World Health Organization",
    ):
        assert [inst.domain for inst, _ in db.find_institutions(text)] == ["who.int"], text
    assert db.find_institutions("Who knows?") == []
    found = [inst.key for inst, _ in db.find_institutions("国家卫健委和中国疾控中心以及国家药监局")]
    assert found == ["nhc", "chinacdc", "nmpa"]


def test_accounts_by_exact_name_and_handle(db):
    assert db.lookup_account("wechat", "健康中国").domain == "nhc.gov.cn"
    assert db.lookup_account("wechat", "健康中国 ") is not None  # surrounding space only
    assert db.lookup_account("wechat", "健康中国官方") is None
    assert db.lookup_account("x", "who").owner == "who"  # handles ignore case
    assert db.lookup_account("youtube", "@WHO").domain == "who.int"
    assert db.lookup_account("weibo", "丁香医生").kind == "health_media"


def _write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "sources:\n  - {domain: bad.example, rating: 140}",
            r"sources\[1\] \(bad.example\).*0..100",
        ),
        ("sources:\n  - {domain: bad.example, kind: scary}", r"bad.example.*unknown kind 'scary'"),
        ("sources:\n  - {name: no domain}", r"sources\[1\].*missing domain"),
        ("sources:\n  - {domain: bad.example, colour: red}", r"bad.example.*unknown key.*colour"),
        ("sources:\n  - {domain: 'https://bad.example/x'}", r"not a bare domain"),
        ("sources:\n  - {domain: a.example}\n  - {domain: a.example}", r"sources\[2\].*duplicate"),
        ("accounts:\n  - {platform: myspace, name: x}", r"accounts\[1\] \(myspace:x\).*platform"),
        ("institutions:\n  - {key: who}", r"institutions\[1\].*missing domain"),
        ("soruces: []", r"unknown top-level key"),
        ("sources: {domain: a.example}", r"'sources' must be a list"),
    ],
)
def test_bad_entries_raise_a_clear_error(tmp_path, body, message):
    path = _write(tmp_path, f'version: "t"\nupdated: "2026-01-01"\n{body}\n')
    with pytest.raises(SourcesFileError, match=message):
        SourceDB.load(path, overlays=(), imported={})


def test_version_and_date_are_required(tmp_path):
    with pytest.raises(SourcesFileError, match="'version' and 'updated' are required"):
        SourceDB.load(_write(tmp_path, "sources: []\n"), overlays=(), imported={})


def test_invalid_yaml_and_missing_file_are_typed_errors(tmp_path):
    with pytest.raises(SourcesFileError, match="not valid YAML"):
        SourceDB.load(_write(tmp_path, "sources: [\n"), overlays=(), imported={})
    with pytest.raises(SourcesFileError, match="cannot read"):
        SourceDB.load(tmp_path / "missing.yaml", overlays=(), imported={})


OVERLAY = """
allow: [intranet-health.example.org, "weibo:我们医院"]
deny: [rumours-daily.com, people.com.cn, "wechat:养生堂"]
sources:
  - {domain: sohu.com, kind: news, rating: 40, reasons: [our editors]}
institutions:
  - {key: cityhospital, name: {en: City Hospital, zh: 市立医院}, domain: cityhospital.example,
     kind: hospital, aliases: [City Hospital, 市立医院]}
accounts:
  - {platform: wechat, name: 市立医院, owner: cityhospital, domain: cityhospital.example,
     kind: hospital, rating: 85}
"""


def test_overlay_from_environment_extends_the_shipped_data(tmp_path, monkeypatch):
    monkeypatch.setenv(OVERLAY_ENV_VAR, str(_write(tmp_path, OVERLAY, "overlay.yaml")))
    db = SourceDB.load()
    assert db.lookup("intranet-health.example.org").category == "reliable"
    assert db.lookup("www.rumours-daily.com").kind == "denylisted"
    assert db.lookup("people.com.cn").category == "unreliable"  # the user's word wins
    assert db.lookup("sohu.com").rating == 40
    assert db.lookup("who.int").rating == 95  # untouched entries stay
    assert db.lookup("infowars.com") is not None  # the imported layer stays
    assert db.lookup_account("wechat", "市立医院").domain == "cityhospital.example"
    assert db.lookup_account("wechat", "养生堂").category == "unreliable"
    assert db.lookup_account("weibo", "我们医院").category == "reliable"
    assert [i.key for i, _ in db.find_institutions("市立医院专家说")] == ["cityhospital"]
    assert db.overlays and db.overlays[0].endswith("overlay.yaml")


def test_bad_overlay_names_its_file(tmp_path):
    path = _write(tmp_path, "deny: ['not a domain']\n", "mine.yaml")
    with pytest.raises(SourcesFileError, match=r"mine.yaml: deny\[1\]"):
        SourceDB.load(overlays=(path,))


def test_default_sources_is_loaded_once():
    assert default_sources() is default_sources()


@pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason="shared data not present")
def test_import_script_reproduces_the_shipped_table(tmp_path):
    out = tmp_path / "imported.tsv"
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "import_sources.py"), "--out", str(out),
         "--shared", str(SHARED_SOURCES)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    shipped = REPO / "factcheck" / "data" / "sources_imported.tsv"
    assert out.read_bytes() == shipped.read_bytes()


def test_compiled_copy_matches_the_yaml_and_stale_copies_are_ignored():
    import yaml

    from factcheck.knowledge.sources import _compiled

    text = (REPO / "factcheck" / "data" / "sources.yaml").read_text(encoding="utf-8")
    compiled = _compiled(text)
    assert compiled is not None, "run scripts/import_sources.py to rebuild sources.compiled.json"
    assert compiled == yaml.safe_load(text)
    assert _compiled(text + "\n# edited\n") is None  # an edit makes the copy stale: YAML wins


def test_official_media_health_and_hospital_accounts_are_covered(db):
    """Issue 12: newspapers', broadcasters', health authorities' and hospitals' own accounts,
    each with its reasons and where the entry comes from."""
    chinese = [a for a in {id(a): a for a in db.accounts.values()}.values()]
    chinese = [a for a in chinese if a.platform in ("wechat", "weibo", "douyin")]
    assert len(chinese) >= 150
    kinds = {a.kind for a in chinese}
    assert {"state_media", "news", "health_authority", "hospital", "government"} <= kinds
    assert all(a.reasons and a.origin for a in chinese)
    for platform, name in (("wechat", "新京报"), ("weibo", "澎湃新闻"), ("douyin", "新华社")):
        account = db.lookup_account(platform, name)
        assert account is not None and account.category in ("reliable", "mixed")
    assert db.lookup_account("wechat", "北京疾控").kind == "health_authority"
