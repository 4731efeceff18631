"""Masking of personal data in free text before it is published (rules.md §7: a published
citizen message or reply shows no name, phone, ID number, plate number or address detail).

`mask_personal_data(text)` is deterministic and conservative: it masks what it recognises and
leaves the rest of the text as typed. What it recognises:

- ID numbers (18 digits, last may be X; also 15-digit old ones): 440106********123X;
- mobile phones (1[3-9]x, 11 digits, optional +86 / spaces / dashes): 138****5678;
  landlines (0xx-xxxxxxx, with or without the dash): 020-****5678;
- plate numbers (粤A12345, 湘A·D1234, new-energy 6 characters): 粤A****5 → 粤A*****;
- names: after 我叫/本人/姓名/联系人/业主/… or before 先生/女士/同志/老师/师傅…, a common
  surname plus one or two characters: 张三丰 → 张**, and a "张某" style stays as it is;
- address detail: the building, unit and room after a street, estate or road
  (…小区3栋2单元501 → …小区*栋*单元***; 门牌号 …路12号 → …路**号).
City and district names (A市, A3区) and the names of agencies are kept: they say where, not who.
"""

import re

# The 100 most common Chinese surnames and the common two-character ones.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左"
    "柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶"
    "解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬"
    "边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
# Also common words: never taken as the start of a name.
_AMBIGUOUS_SURNAMES = set("和于向及同万高解符苑麻")
NAME_SURNAMES = SURNAMES - _AMBIGUOUS_SURNAMES
DOUBLE_SURNAMES = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙"}

_MASK = "*"
# Two characters after a surname that are words, not given names ("关负责同志").
_NOT_GIVEN = {
    "负责",
    "领导",
    "工作",
    "有关",
    "相关",
    "全体",
    "广大",
    "各位",
    "同事",
    "家长",
    "市民",
}
_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]{1,64})@([A-Za-z0-9.-]+\.[A-Za-z]{2,})"
)

# Characters that cannot be the given-name part (they start the next word).
_NOT_NAME = set(
    "的了是在和与及或等也都就又而但被把给向对从到为于以我你他她它们这那有没不很多少个位名"
    "先女同老师傅主任经理总书记局长科长处长市区县镇村街路号栋楼室元年月日时分秒，。、；：！？"
    "人员业证屋产全可省委会办厅部组队党政府"
    "（）()《》“”\"' \t\r\n0123456789"
)

_ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
_ID15_RE = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{6})(\d{3})(?![0-9A-Za-z])")
_MOBILE_RE = re.compile(
    r"(?<![0-9A-Za-z])((?:\+?86[ -]?)?1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![0-9A-Za-z])"
)
_LANDLINE_RE = re.compile(r"(?<![0-9A-Za-z])(0\d{2,3})([ -]?)(\d{3,4})(\d{4})(?![0-9A-Za-z])")
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
_PLATE_RE = re.compile(
    rf"([{_PROVINCES}])([A-HJ-NP-Za-hj-np-z])[·•\.\s]?([A-HJ-NP-Z0-9]{{5,6}})(?![A-Za-z0-9])"
)
# A name follows these words ("联系人：张三", "我叫李四，") and ends where a delimiter or one
# of the words of _NAME_END starts ...
_NAME_BEFORE = (
    r"尊敬的|我叫|姓名|名字叫|联系人|户主|举报人|投诉人|反映人|申请人|当事人|责任人|经办人"
)
_NAME_END = (
    r"(?=[，。、；：,.;:！!？?）)\s（(“”\"]|$|同志|先生|女士|反映|称|说|与|和|的|在|是|家|于|等|"
    r"您好|你好)"
)
# ... or follows these weaker words, and then only right before a delimiter ("业主王术，").
_NAME_BEFORE_WEAK = (
    r"我是|本人|业主|房东|村民|居民|市民|网友|患者|老人|孩子|儿子|女儿|丈夫|妻子|父亲|母亲"
)
_NAME_END_WEAK = r"(?=[，。、；：,.;:！!？?）)\s（(]|$|同志|先生|女士|家)"
# ... or precedes these ("张三丰先生", "谷斌海同志", "张三丰您好").
_NAME_AFTER = r"先生|女士|小姐|同志|您好|你好"
_NAME_AFTER_RE = re.compile(rf"([\u4e00-\u9fff]{{2,4}})(?={_NAME_AFTER})")
_NAME_CORE = rf"((?:{'|'.join(sorted(DOUBLE_SURNAMES))}|[\u4e00-\u9fff])[\u4e00-\u9fff]{{1,2}}?)"
_NAME_BEFORE_RE = re.compile(rf"(?:{_NAME_BEFORE})[\s:：]*{_NAME_CORE}{_NAME_END}")
_NAME_BEFORE_WEAK_RE = re.compile(rf"(?:{_NAME_BEFORE_WEAK})[\s:：]*{_NAME_CORE}{_NAME_END_WEAK}")
_PART = r"[A-Za-z]?\d{1,5}[A-Za-z]?(?:号楼|单元|栋|幢|座|层|楼|室|房|号|户)?"
_ADDRESS_RE = re.compile(rf"(?<![0-9A-Za-z])({_PART}(?:[-—]?{_PART}){{0,4}})")
_PART_RE = re.compile(r"([A-Za-z]?\d{1,5}[A-Za-z]?)(号楼|单元|栋|幢|座|层|楼|室|房|号|户)?")
_BUILDING_UNITS = {"号楼", "栋", "幢", "座"}
_ROOM_UNITS = {"室", "房"}
_STREETS = set("路街巷道里")


def _stars(n: int) -> str:
    return _MASK * n


def _mask_name(candidate: str) -> str | None:
    """`张三丰…` → `张**` when it starts with a surname and is followed by a given name of one or
    two characters; None when it does not look like a name."""
    for length in (2, 1):
        surname = candidate[:length]
        if (length == 2 and surname in DOUBLE_SURNAMES) or (
            length == 1 and surname in NAME_SURNAMES
        ):
            break
    else:
        return None
    given = candidate[length:]
    if not 1 <= len(given) <= 2 or any(ch in _NOT_NAME for ch in given):
        return None
    if given.startswith("某") or given == "氏" or given in _NOT_GIVEN:
        return None
    return surname + _stars(len(given))


def _names_before(match: re.Match) -> str:
    full = match.group(0)
    candidate = match.group(1)
    masked = _mask_name(candidate)
    if masked is None:
        return full
    return full[: match.start(1) - match.start(0)] + masked


def _names_after(match: re.Match) -> str:
    candidate = match.group(1)
    # the name is the tail of the run right before 先生/女士: 2 or 3 characters (surname+given)
    for take in (3, 2):
        if len(candidate) < take:
            continue
        tail = candidate[-take:]
        if (
            tail[0] in NAME_SURNAMES
            and not any(ch in _NOT_NAME for ch in tail[1:])
            and tail[1:] not in _NOT_GIVEN
        ):
            if take == 3 and tail[1:] and tail[1] in "某":
                return candidate
            head = candidate[:-take]
            if take == 3:
                return head + tail[0] + _stars(2)
            return head + tail[0] + _stars(1) if tail[1] != "某" else candidate
    return candidate


def _address(match: re.Match) -> str:
    """A building alone ("3栋楼下") says where, not who. Masked: a building with its unit,
    floor or room ("6栋4401", "4栋1单元25层"), a room number ("602房", "501室") and a street
    door number ("芙蓉路12号")."""
    run = match.group(1)
    parts = _PART_RE.findall(run)
    units = [unit for _number, unit in parts]
    before = match.string[match.start() - 1 : match.start()]
    building = units[0] in _BUILDING_UNITS and len(parts) >= 2
    room = bool(_ROOM_UNITS & set(units))
    door = len(parts) == 1 and units[0] == "号" and before in _STREETS
    if not (building or room or door):
        return run
    return _PART_RE.sub(lambda m: _stars(len(m.group(1))) + (m.group(2) or ""), run)


def mask_id_numbers(text: str) -> str:
    text = _ID_RE.sub(lambda m: m.group(1) + _stars(8) + m.group(3), text)
    return _ID15_RE.sub(lambda m: m.group(1) + _stars(6) + m.group(3), text)


def mask_phones(text: str) -> str:
    text = _MOBILE_RE.sub(lambda m: m.group(1) + _stars(4) + m.group(3), text)
    return _LANDLINE_RE.sub(
        lambda m: m.group(1) + m.group(2) + _stars(len(m.group(3))) + m.group(4), text
    )


def mask_plates(text: str) -> str:
    return _PLATE_RE.sub(lambda m: m.group(1) + m.group(2).upper() + _stars(len(m.group(3))), text)


def mask_names(text: str) -> str:
    text = _NAME_BEFORE_RE.sub(_names_before, text)
    text = _NAME_BEFORE_WEAK_RE.sub(_names_before, text)
    return _NAME_AFTER_RE.sub(lambda m: _names_after(m), text)


def mask_addresses(text: str) -> str:
    return _ADDRESS_RE.sub(_address, text)


def mask_emails(text: str) -> str:
    return _EMAIL_RE.sub(lambda m: m.group(1)[:1] + _stars(3) + "@" + m.group(2), text)


def mask_known(text: str, known) -> str:
    """Mask values we know belong to the person (their name, mobile, ID number, e-mail), where
    ever they appear, however the patterns would read them."""
    for value in sorted({(v or "").strip() for v in known or ()}, key=len, reverse=True):
        if len(value) < 2:
            continue
        if "@" in value:
            masked = mask_emails(value)
        elif value.isdigit() or value[:-1].isdigit():
            masked = (
                value[:3] + _stars(len(value) - 7) + value[-4:]
                if len(value) > 7
                else _stars(len(value))
            )
        else:
            masked = value[0] + _stars(len(value) - 1)
        text = text.replace(value, masked)
    return text


def mask_personal_data(text: str, *, known=()) -> str:
    """The text with ID numbers, phones, e-mail addresses, plates, names and address details
    masked; `known` are the person's own values (name, mobile...) masked wherever they
    appear. Order matters: the long digit runs (ID numbers) go first so a phone pattern never
    eats half of one."""
    if not text:
        return text or ""
    text = mask_known(text, known)
    text = mask_emails(text)
    text = mask_id_numbers(text)
    text = mask_phones(text)
    text = mask_plates(text)
    text = mask_addresses(text)
    return mask_names(text)
