"""Weibo posts (weibo.com, m.weibo.cn).

The rendered desktop page shows the poster in the feed header (``head_name`` link with a
``usercard``), the verification badge on the avatar (``<span title="微博官方组织认证">`` with
a ``woo-icon--vblue``/``vyellow``/``vgold`` icon), the time as the post prints it
("24-5-13 17:07": a two-digit year) and the text whose 【…】 lead serves as its title. The
mobile page keeps the same in a JSON blob (``screen_name``, ``verified``,
``verified_reason``, ``created_at``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from factcheck.platforms.base import (
    PlatformSource,
    PlatformSpec,
    clean,
    first_text,
    json_string,
    local_day,
    path_handle,
)

if TYPE_CHECKING:
    from factcheck.page.model import Page

#: Badge icon -> what it means (Weibo's own colours).
_BADGES = {"vblue": "organisation", "vyellow": "person", "vgold": "person (gold)"}
_LEAD = re.compile(r"^【([^】]{4,120})】")


def _badge(page: Page) -> tuple[bool | None, str]:
    scripts = page.scripts_text
    match = re.search(r'"verified"\s*:\s*(true|false)', scripts)
    if match:
        return match.group(1) == "true", json_string(scripts, "verified_reason")
    for node in page.tree.xpath('//*[contains(@class, "woo-avatar-icon")][@title]')[:1]:
        icon = " ".join(node.xpath('.//*[local-name()="svg"]/@class'))
        kind = next((v for k, v in _BADGES.items() if f"--{k}" in icon), "")
        title = clean(node.get("title"))
        return True, f"{title} ({kind})" if kind else title
    return None, ""


_BODY = '//*[contains(@class, "detail_wbtext")]'


def read(page: Page, platform: str) -> PlatformSource:
    scripts = page.scripts_text
    account, evidence = json_string(scripts, "screen_name"), '"screen_name" in page script'
    if not account:
        account = first_text(page, '//*[contains(@class, "head_name")]//*[@title]/@title')
        evidence = "feed header"
    if not account:
        account = first_text(page, '//*[contains(@class, "m-text-cut") or @usercard]')
        evidence = "user card"
    handle = path_handle(page, r"^/(?:u/)?([^/?#]+)")
    if not account and handle and not handle.isdigit():
        account, evidence = handle, "url"
    verified, reason = _badge(page)
    text = first_text(page, _BODY)
    lead = _LEAD.match(text)
    when = first_text(page, '//*[contains(@class, "head-info_time")]') or json_string(
        scripts, "created_at"
    )
    return PlatformSource(
        platform,
        account=account,
        handle=handle,
        verified=verified,
        verified_reason=reason,
        description=json_string(scripts, "description"),
        evidence=evidence if account else "",
        title=lead.group(1) if lead else "",
        published=local_day(when) if when else None,
        published_evidence=when,
        body=text,
        body_path=_BODY if text else "",
    )


PLATFORM = PlatformSpec("weibo", ("Weibo", "微博"), ("weibo.com", "weibo.cn"), read)
