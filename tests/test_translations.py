"""The English catalogue ships compiled (a fresh machine may lack gettext): the .mo must say
exactly what the .po says, and no entry may carry a doubled translation."""

import gettext
import re
from pathlib import Path

import pytest

LOCALES = sorted(
    Path(__file__).resolve().parent.parent.glob("sunshine/**/locale/en/LC_MESSAGES/django.po")
)


def _entries(po_text: str):
    """(msgctxt, msgid, msgstr) of singular entries, from a .po file."""
    for block in po_text.split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue
        fields, current = {}, None
        for line in block.splitlines():
            m = re.match(r'^(msgctxt|msgid|msgstr) "(.*)"$', line)
            if m:
                current = m.group(1)
                fields[current] = m.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
            elif line.startswith(("msgid_plural", "msgstr[")):
                current = None
                fields["plural"] = True
        if "#, fuzzy" in block or ", fuzzy" in block:
            continue  # msgfmt leaves fuzzy guesses out of the .mo
        if fields.get("msgid") and "plural" not in fields:
            yield fields.get("msgctxt"), fields["msgid"], fields.get("msgstr", "")


def _unescape(s: str) -> str:
    return s.encode("latin-1", "backslashreplace").decode("unicode_escape") if "\\" in s else s


@pytest.mark.parametrize("po", LOCALES, ids=lambda p: str(p.parent.parent.parent.parent.name))
def test_compiled_catalogue_matches_its_source(po):
    mo = gettext.GNUTranslations(po.with_suffix(".mo").open("rb"))
    for ctx, msgid, msgstr in _entries(po.read_text(encoding="utf-8")):
        if not msgstr:
            continue
        msgid, msgstr = _unescape(msgid), _unescape(msgstr)
        got = mo.pgettext(_unescape(ctx), msgid) if ctx else mo.gettext(msgid)
        assert got == msgstr, f"{po}: stale .mo for {msgid!r} (run make messages)"
        half = len(msgstr) // 2
        assert not (len(msgstr) > 2 and msgstr[:half] == msgstr[half:]), f"doubled: {msgstr!r}"
