"""Chinese bylines and credits: who wrote, who edited, who reviewed.

Chinese news pages credit people in the running text, not in markup: a dateline
(新华社深圳5月12日电（记者戴小河、印朋）, 本报讯（记者叶婉）, （中央社記者溫貴香台北21日電）),
a byline (本报记者 王乐文 方 敏, 作者：曹磊, 文｜何驰), a signature at the end (（钟才文）,
（总台央视记者 奚丹霓 张赛）) and the editors (责编：郝帅、杨迪, 【责任编辑:王頔】, 选稿：曾炟,
版面编辑：刘潇). :func:`zh_credits` reads them all from one string, in simplified and
traditional script, and tells authors from editors and reviewers. Names are what follows a
label up to a boundary (a bracket, a space, punctuation, a date, the next label); a label
written without a separator (记者邹伟) must be followed by a name with a common surname, so
"记者了解到" or "告诉记者" name nobody. Photographers ("谢环驰 摄") and outlets ("财新") are
not authors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.lang.script import HAN

AUTHOR = "author"
EDITOR = "editor"
REVIEWER = "reviewer"

#: Common Chinese surnames (simplified and traditional), single and compound. A name after
#: a label written without a separator must start with one of these.
_SURNAMES_1 = frozenset(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何林高罗羅郑鄭梁谢謝宋唐许許韩韓冯馮"
    "邓鄧曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金"
    "石廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢"
    "严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹"
    "申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱"
    "蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項"
    "连連芦蘆麦麥褚娄婁窦竇戚岑景党黨宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞"
    "姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺官封谈談匡鞠惠荆荊"
    "乐樂冀郁胥南班储儲原栗燕楚鄢劳勞谌諶奚皮粟冼蔺藺楼樓盘盤满滿闻聞位厉厲伊仝区區郜海阚闞花"
    "权權强強帅帥屠豆朴盖蓋练練廉禹井祖漆巴丰支卿国國狄平计計索宣晋晉相初门門云雲容敬来來扈晁"
    "芮都普阙闕浦戈伏鹿薄邸雍辜羊阿乌烏母裘亓修邰赫杭况況那宿鲜鮮印逯隆茹诸諸战戰慕危玉银銀亢"
    "嵇公哈湛宾賓戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴陰昝智幸奉植衡富尧堯闭閉由"
)
_SURNAMES_2 = (
    "欧阳|歐陽|司马|司馬|上官|诸葛|諸葛|东方|東方|皇甫|尉迟|尉遲|公孙|公孫|慕容|令狐|宇文|长孙|長孫|"
    "夏侯|轩辕|軒轅|端木|西门|西門|南宫|南宮|司徒|申屠|澹台|澹臺|呼延|独孤|獨孤"
)
_AUTHOR_LABELS = r"记者|記者|作者|撰文|撰稿|采写|採寫|通讯员|通訊員|文"
_EDITOR_LABELS = (
    r"责任编辑|責任編輯|版面编辑|版面編輯|值班编辑|值班編輯|实习编辑|實習編輯|责编|責編|"
    r"编辑|編輯|选稿|選稿"
)
_REVIEWER_LABELS = r"审核专家|審核專家|医学审核|醫學審核|审稿专家|審稿專家|审核|審核"
_ANY_LABEL = rf"{_REVIEWER_LABELS}|{_EDITOR_LABELS}|{_AUTHOR_LABELS}|来源|來源|排版|校对|校對"
_SEP = r"\s*[:：/／|｜]\s*"
#: One name: "方 敏" (a two-character name printed with a space), 2-4 Chinese characters
#: (a · for minority names), or after an explicit separator a Latin handle ("Otto 辛宝").
_NAME_ZH = rf"[{HAN}]\s[{HAN}](?![{HAN}])|[{HAN}]{{2,4}}(?:·[{HAN}]{{2,4}})?"
_NAME_LATIN = rf"[A-Za-z][A-Za-z.]{{1,20}}(?:\s[A-Za-z][A-Za-z.]{{1,20}}|\s[{HAN}]{{2,3}})?"
#: What may follow a name: a bracket, space, punctuation, a digit, "摄", another label,
#: or a dateline's place and day (記者溫貴香台北21日電).
_AFTER = (
    rf"(?=$|[\s()（）\]】」》>|｜。，,;；、!！?？_\d]|系|摄|攝|报道|報導|(?:{_ANY_LABEL})"
    rf"|[{HAN}]{{2,3}}\d{{1,2}}日[电電])"
)
_LABEL = re.compile(rf"({_REVIEWER_LABELS}|{_EDITOR_LABELS}|{_AUTHOR_LABELS})({_SEP})?\s*")
_ONE_NAME = re.compile(rf"(?:{_NAME_ZH}){_AFTER}")
_ONE_LATIN = re.compile(rf"(?:{_NAME_LATIN}){_AFTER}")
_LABEL_START = re.compile(rf"(?:{_ANY_LABEL.replace('|文', '')}|责任|責任)")
_LIST_SEP = re.compile(r"\s*[、，,]\s*|\s+")
_STRICT_SEP = re.compile(r"\s*、\s*|\s+")  # after 记者 without a colon, "，" ends a clause
#: "作者：中国国际经济交流中心…研究员徐占忱）": a name after a title, before the bracket.
_TITLED = re.compile(
    rf"作者[:：][^）)]{{2,80}}?(?:研究员|研究員|教授|部长|部長|主任|院长|院長|所长|所長|博士|专家|專家)"
    rf"([{HAN}]{{2,3}})[)）]"
)
#: "新华社北京5月19日电（刘艺、杨吉）": a dateline naming its reporters without a label.
_DATELINE = re.compile(r"\d{1,2}日[电電]\s*[（(](?=[^）)]{2,30}[）)])")
#: "……。（钟才文） [ 责编：杨煜 ]": a commentary's signature just before the editor credit.
_SIGNATURE = re.compile(
    rf"[。！？”]\s*[（(]([{HAN}]{{2,3}})[)）](?=.{{0,20}}?(?:{_EDITOR_LABELS}))", re.S
)
#: Characters before 记者/作者 that make it a noun in a sentence ("告诉记者", "的作者").
_PARTICLES = frozenset("的是和与及给向对让被把诉跟")
#: A name that ends a clause is a word of a sentence ("作者文笔出色，"), unless a label
#: introduced it with a separator.
_CLAUSE_END = frozenset("，。；！？,;!?")
#: Page furniture that follows a credit and reads like a name.
_NOT_NAMES = frozenset(
    (
        "关键字",
        "关键词",
        "首页",
        "来源",
        "來源",
        "分享",
        "举报",
        "舉報",
        "返回",
        "相关",
        "相關",
        "推荐",
        "推薦",
        "点击",
        "打印",
        "字号",
        "扫码",
        "平台声明",
        "关注",
        "免责声明",
        "原标题",
        "原標題",
        "责任编辑",
        "编辑",
        "本报",
        "本報",
        "本文",
        "图片",
        "圖片",
        "视频",
        "視頻",
    )
)
_OUTLET_END = re.compile(
    r"(报|報|网|網|社|新闻|新聞|日报|日報|周刊|週刊|杂志|雜誌|电视台|電視台|客户端|频道|頻道|"
    r"中心|团队|團隊|编辑部|編輯部|工作室|平台|官微|官方)$"
)


@dataclass(frozen=True, slots=True)
class Credit:
    """One credited person: name, role (author | editor | reviewer), and the text read."""

    name: str
    role: str
    evidence: str
    start: int
    detail: str = ""  # a reviewer's name with credentials and affiliation, as written


def zh_credits(text: str, outlets: tuple[str, ...] = ()) -> list[Credit]:
    """Every person credited in ``text``, in order; ``outlets`` are the page's own names
    (site, account), never taken for people."""
    found: list[Credit] = []
    for match in _LABEL.finditer(text):
        label, separator = match.group(1), match.group(2)
        if _inside_word(text, match.start(), label):
            continue
        role = _role(label)
        if role != AUTHOR and not separator and not _spaced(text, match.end(), match.group(0)):
            continue  # 编辑部, 编辑推荐: an editor label needs a separator or a space
        if label == "文" and not separator:
            continue
        names = _names(text, match.end(), strict=not separator)
        evidence = text[match.start() : match.end() + 24].strip()
        detail = _detail(text, match.end()) if role == REVIEWER else ""
        for name in names:
            if not _is_outlet(name, outlets):
                found.append(Credit(name, role, evidence, match.start(), detail))
    for match in _DATELINE.finditer(text):
        for name in _names(text, match.end(), strict=True):
            found.append(Credit(name, AUTHOR, match.group(0), match.start()))
    for pattern in (_TITLED, _SIGNATURE):
        for match in pattern.finditer(text):
            found.append(Credit(match.group(1), AUTHOR, match.group(0)[-40:], match.start(1)))
    return _before_sidebar(found)


def _before_sidebar(found: list[Credit]) -> list[Credit]:
    """Authors after the last editor credit belong to other stories (sidebars repeat
    datelines) when the article itself credited someone before it."""
    editors = [c.start for c in found if c.role == EDITOR]
    if not editors:
        return found
    end = max(editors)
    if not any(c.role == AUTHOR and c.start < end for c in found):
        return found
    return [c for c in found if c.role != AUTHOR or c.start < end]


def _detail(text: str, position: int) -> str:
    """ "陈建国 副主任医师 复旦大学附属华山医院急诊科": up to the end of the clause or the next
    label, so credentials and affiliation can be read."""
    tail = re.split(r"[。；;|｜\n]", text[position : position + 60], maxsplit=1)[0]
    label = _LABEL_START.search(tail, 2)
    return (tail[: label.start()] if label else tail).strip()


def _role(label: str) -> str:
    if label.startswith(("审", "審", "医学", "醫學")):
        return REVIEWER
    if re.search(r"编|編|选稿|選稿", label):
        return EDITOR
    return AUTHOR


def _inside_word(text: str, start: int, label: str) -> bool:
    """A label glued to the word before it that is not an outlet or role prefix:
    "更多編輯台" is not a credit; "本报记者", "新华社记者", "中青网记者" are."""
    before = text[start - 1] if start > 0 else ""
    if label in ("文",):
        return bool(re.match(rf"[{HAN}A-Za-z]", before))
    return before in _PARTICLES


def _spaced(text: str, end: int, matched: str) -> bool:
    return matched[-1:].isspace()


def _names(text: str, position: int, *, strict: bool) -> list[str]:
    """Names from ``position`` on: one, then more after 、，, or spaces."""
    names: list[str] = []
    names_end = position
    while position < len(text) and len(names) < 6:
        match = _ONE_NAME.match(text, position)
        listed = not names or bool(re.match(r"\s*[、，,]", text[names_end:position]))
        if match is None and not strict and listed:
            match = _ONE_LATIN.match(text, position)
        if match is None:
            break
        name = _cut_at_label(match.group(0))
        if name.endswith(("摄", "攝")):
            return []  # "中央社記者張新偉攝": a photographer
        name = re.sub(r"\s+", "" if _only_cjk(name) else " ", name)
        spaced = bool(names) and not re.match(r"\s*[、，,]", text[names_end:position])
        if spaced and text[match.end() : match.end() + 1] in _CLAUSE_END:
            break  # "文/孙海燕、周敏 连日高温，": the article's first sentence
        if name in _NOT_NAMES or (((strict and not names) or spaced) and not _has_surname(name)):
            break
        names.append(name)
        position = names_end = match.start() + len(match.group(0))
        gap = (_STRICT_SEP if strict else _LIST_SEP).match(text, position)
        if gap is None or gap.end() == position:
            break
        if text.startswith(("摄", "攝"), gap.end()):
            return []  # "新华社记者 谢环驰 摄": a photographer
        position = gap.end()
    if text.startswith(("摄", "攝"), position) or text.startswith((" 摄", " 攝"), position):
        return []
    if strict and text[names_end : names_end + 1] in _CLAUSE_END:
        return []  # "作者文笔出色，": a sentence about the author, not a byline
    return names


def _cut_at_label(name: str) -> str:
    """ "余聪责任" (before 编辑) is 余聪: a name ends where a label starts."""
    for i in range(2, len(name)):
        if _LABEL_START.match(name, i):
            return name[:i]
    return name


def _only_cjk(name: str) -> bool:
    return re.fullmatch(rf"[{HAN}·\s]+", name) is not None


def _has_surname(name: str) -> bool:
    return name[:1] in _SURNAMES_1 or re.match(_SURNAMES_2, name) is not None


def _is_outlet(name: str, outlets: tuple[str, ...]) -> bool:
    if _OUTLET_END.search(name):
        return True
    return any(name in outlet or outlet in name for outlet in outlets if len(outlet) >= 2)
