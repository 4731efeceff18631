"""DOCX redaction on the package XML (lxml; no domain knowledge).

`redact_docx(data, texts)` returns a new package in which:
- every occurrence of each text is replaced by "■" repeated to the same length, in every XML
  part (body, headers, footers, footnotes, endnotes, text boxes, charts, field codes, and any
  attribute value such as the alt text `descr`/`title` of a picture), also where Word split
  the text over several runs of one paragraph;
- tracked changes are accepted (w:del / w:moveFrom and their text dropped, w:ins / w:moveTo
  kept as plain text, formatting-change records dropped);
- hidden text (w:vanish, directly or through a character style) is dropped;
- comments, custom XML parts, the glossary document, embedded objects and packages, the
  attached template, document variables, docProps (core/app/custom, the thumbnail) and rsid
  revision data are removed;
- every remaining part is checked once more: if any text is still found, the work is refused.

A macro-enabled, encrypted or damaged file is refused with a clear message. Django-free: it
runs inside the bounded-extraction worker process (kernel/files/safe_extract), called through
docx.py, after the same zip checks as every other DOCX the platform reads (part count, unpacked
size, ratio, XML element count: FILE_EXTRACT_LIMITS) and under the worker's memory, CPU and
wall-time limits. A refusal is a Failure("redaction", key=…) that the parent words.

Images are kept as they are: text inside a picture cannot be found or redacted here."""

import io
import posixpath
import re
import zipfile

from lxml import etree

from sunshine.kernel.files.safe_extract.errors import Failure
from sunshine.kernel.files.safe_extract.zipcheck import check_directory, count_elements


def refuse(key: str, **params) -> Failure:
    return Failure("redaction", key, key=key, **params)


MASK = "■"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# Parts removed whole (by name).
_DROP_PART = re.compile(
    r"^(docProps/.*"
    r"|customXml/.*"
    r"|word/glossary/.*"
    r"|word/embeddings/.*"
    r"|word/comments[^/]*\.xml|word/_rels/comments[^/]*\.xml\.rels"
    r"|word/people\.xml"
    r"|word/afchunk[^/]*|word/_rels/afchunk[^/]*"
    r"|word/vbaData\.xml)$",
    re.IGNORECASE,
)
# Relationships removed by type, whatever their target.
_DROP_REL_TYPES = (
    "/comments",
    "/commentsExtended",
    "/commentsIds",
    "/commentsExtensible",
    "/people",
    "/customXml",
    "/glossaryDocument",
    "/oleObject",
    "/package",
    "/aFChunk",
    "/attachedTemplate",
    "/core-properties",
    "/extended-properties",
    "/custom-properties",
    "/thumbnail",
    "/subDocument",
)
# Elements removed with everything inside them.
_DROP_ELEMENTS = {
    w(t)
    for t in (
        "del",
        "moveFrom",
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblGridChange",
        "trPrChange",
        "tcPrChange",
        "numberingChange",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "commentReference",
        "annotationRef",
        "object",
        "altChunk",
        "dataBinding",
        "rsids",
        "attachedTemplate",
        "docVars",
        "trackRevisions",
        "cellIns",
        "cellDel",
        "cellMerge",
        "subDoc",
        "rsid",
    )
} | {f"{{{C}}}externalData"}
# Elements replaced by their children (accepting insertions, unwrapping custom XML).
_UNWRAP_ELEMENTS = {w("ins"), w("moveTo"), w("customXml")}

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_blank_text=False,
)


def _parse(name: str, raw: bytes):
    try:
        return etree.fromstring(raw, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        if "memory" in str(exc).lower() or "huge" in str(exc).lower():
            raise Failure("too_large", str(exc)[:200], reason="xml") from exc
        raise refuse("docx_part_damaged", part=name[:100]) from exc


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- reading the package with its limits ---------------------------------------------------


def _read_package(data: bytes, limits: dict) -> dict[str, bytes]:
    if data.startswith(OLE_MAGIC):
        raise refuse("ole")
    # The platform's zip checks (kernel/files/safe_extract): no second set of limits here.
    check_directory(io.BytesIO(data), limits)
    count_elements(io.BytesIO(data), limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise refuse("docx_damaged") from exc
    parts: dict[str, bytes] = {}
    for info in archive.infolist():
        if info.flag_bits & 0x1:
            raise refuse("docx_encrypted")
        if info.is_dir():
            continue
        # Read no more than the header claims (+1 to notice a lying header).
        try:
            with archive.open(info) as fh:
                body = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
            raise refuse("docx_damaged") from exc
        if len(body) > info.file_size:
            raise refuse("docx_size_mismatch")
        parts[info.filename] = body
    types = parts.get("[Content_Types].xml")
    if types is None:
        raise refuse("not_docx")
    lowered = types.lower()
    if (
        b"macroenabled" in lowered
        or b"vbaproject" in lowered
        or any(name.lower().endswith("vbaproject.bin") for name in parts)
    ):
        raise refuse("macro")
    if MAIN_TYPE.encode() not in types:
        raise refuse("not_word")
    return parts


def _is_xml(name: str, body: bytes) -> bool:
    return name.endswith((".xml", ".rels")) or body.lstrip()[:5] == b"<?xml"


# --- text in one parsed part ---------------------------------------------------------------


def _text_nodes(root):
    """(paragraph, [nodes]) groups whose texts read as one run of text: Word paragraphs
    (w:t, and separately field codes w:instrText) and DrawingML paragraphs (a:t)."""
    groups = []
    for p_tag, t_tags in (
        (w("p"), (w("t"),)),
        (w("p"), (w("instrText"),)),
        (f"{{{A}}}p", (f"{{{A}}}t",)),
    ):
        for p in root.iter(p_tag):
            nodes = [t for t in p.iter(*t_tags) if _nearest(t, p_tag) is p and t.text]
            if nodes:
                groups.append(nodes)
    return groups


def _nearest(el, tag):
    parent = el.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _mask_group(nodes, needle: str) -> int:
    """Mask every occurrence of `needle` in the concatenated text of `nodes`; count them."""
    texts = [n.text for n in nodes]
    joined = "".join(texts)
    spans = []
    start = joined.find(needle)
    while start != -1:
        spans.append((start, start + len(needle)))
        start = joined.find(needle, start + 1)
    if not spans:
        return 0
    masked = list(joined)
    for a, b in spans:
        masked[a:b] = MASK * (b - a)
    offset = 0
    for node, text in zip(nodes, texts, strict=True):
        node.text = "".join(masked[offset : offset + len(text)])
        offset += len(text)
    return len(spans)


def _mask_everywhere(root, needle: str) -> int:
    """Same-node occurrences in every text, tail and attribute of the part."""
    count = 0
    for el in root.iter():
        if isinstance(el.tag, str):
            for key, value in el.attrib.items():
                if needle in value:
                    count += value.count(needle)
                    el.set(key, value.replace(needle, MASK * len(needle)))
        if el.text and needle in el.text:
            count += el.text.count(needle)
            el.text = el.text.replace(needle, MASK * len(needle))
        if el.tail and needle in el.tail:
            count += el.tail.count(needle)
            el.tail = el.tail.replace(needle, MASK * len(needle))
    return count


def _occurrences(root, needle: str) -> int:
    """How many times `needle` occurs in a part, in a paragraph's runs or in any one node."""
    count = sum("".join(n.text for n in nodes).count(needle) for nodes in _text_nodes(root))
    if count:
        return count
    for el in root.iter():
        if isinstance(el.tag, str):
            count += sum(v.count(needle) for v in el.attrib.values())
        count += (el.text or "").count(needle) + (el.tail or "").count(needle)
    return count


def check_docx(data: bytes, limits: dict) -> None:
    """Raise Failure if the package cannot be redacted (macros, encryption, damage, limits);
    parse every XML part once."""
    for name, body in _read_package(data, limits).items():
        if _is_xml(name, body):
            _parse(name, body)


def count_text(data: bytes, text: str, limits: dict) -> int:
    """How many times `text` occurs in the package (every XML part, hidden text and tracked
    changes included)."""
    if not text.strip():
        raise refuse("text_required")
    parts = _read_package(data, limits)
    return sum(
        _occurrences(_parse(name, body), text)
        for name, body in parts.items()
        if _is_xml(name, body)
    )


# --- cleaning -----------------------------------------------------------------------------


def _hidden_styles(parts: dict[str, bytes]) -> set[str]:
    raw = parts.get("word/styles.xml")
    if not raw:
        return set()
    root = _parse("word/styles.xml", raw)
    hidden = set()
    for style in root.iter(w("style")):
        vanish = style.find(f"{w('rPr')}/{w('vanish')}")
        if vanish is not None and _on(vanish):
            hidden.add(style.get(w("styleId")))
    return hidden


def _on(toggle) -> bool:
    return toggle.get(w("val"), "true").lower() not in ("0", "false", "off")


def _clean_part(root, hidden_styles: set[str]) -> None:
    # Hidden runs (direct w:vanish or a hidden character style); a paragraph mark's own
    # vanish (w:pPr/w:rPr/w:vanish) only hides the mark, so it is simply removed.
    for rpr in list(root.iter(w("rPr"))):
        run = rpr.getparent()
        vanish = rpr.find(w("vanish"))
        style = rpr.find(w("rStyle"))
        hidden = (vanish is not None and _on(vanish)) or (
            style is not None and style.get(w("val")) in hidden_styles
        )
        if run is not None and run.tag == w("r") and hidden and run.getparent() is not None:
            run.getparent().remove(run)
        else:
            for tag in ("vanish", "specVanish", "del", "ins", "moveFrom", "moveTo"):
                for el in rpr.findall(w(tag)):
                    rpr.remove(el)
    for style in root.iter(w("style")):
        rpr = style.find(w("rPr"))
        if rpr is not None:
            for el in rpr.findall(w("vanish")):
                rpr.remove(el)
    for el in [e for e in root.iter() if e.tag in _DROP_ELEMENTS]:
        parent = el.getparent()
        if parent is not None:
            _remove_keep_tail(el)
    for el in [e for e in root.iter() if e.tag in _UNWRAP_ELEMENTS]:
        _unwrap(el)
    # Revision save ids (w:rsidR, w:rsidRPr, w:rsidDel, ...) tell the editing history.
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for key in [k for k in el.attrib if k.startswith(f"{{{W}}}rsid")]:
            del el.attrib[key]


def _remove_keep_tail(el) -> None:
    parent = el.getparent()
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _unwrap(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    for offset, child in enumerate(list(el)):
        parent.insert(index + offset, child)
    _remove_keep_tail(el)


def _resolve(source_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    base = posixpath.dirname(posixpath.dirname(source_part))  # word/_rels/x.rels → word
    return posixpath.normpath(posixpath.join(base, target))


def _clean_relationships(name: str, root, dropped: set[str]) -> None:
    for rel in list(root):
        kind = rel.get("Type", "")
        target = rel.get("Target", "")
        external = rel.get("TargetMode") == "External"
        if kind.endswith(_DROP_REL_TYPES) or (not external and _resolve(name, target) in dropped):
            root.remove(rel)


def _clean_content_types(root, dropped: set[str]) -> None:
    for el in list(root):
        if el.tag == f"{{{CT}}}Override" and el.get("PartName", "").lstrip("/") in dropped:
            root.remove(el)


def redact_docx(data: bytes, texts: list[str], limits: dict, out) -> None:
    """Write to `out` the cleaned package with every occurrence of each text masked (see the
    module doc)."""
    parts = _read_package(data, limits)
    needles = sorted({t for t in texts if t}, key=len, reverse=True)
    dropped = {name for name in parts if _DROP_PART.match(name)}
    # A part that only a dropped relationship points to (e.g. an embedding with another name).
    hidden_styles = _hidden_styles(parts)
    out_parts: dict[str, bytes] = {}
    for name, body in parts.items():
        if name in dropped:
            continue
        if not _is_xml(name, body):
            out_parts[name] = body
            continue
        root = _parse(name, body)
        if name == "[Content_Types].xml":
            _clean_content_types(root, dropped)
        elif name.endswith(".rels"):
            _clean_relationships(name, root, dropped)
        else:
            _clean_part(root, hidden_styles)
        for needle in needles:
            for nodes in _text_nodes(root):
                _mask_group(nodes, needle)
            _mask_everywhere(root, needle)
        for needle in needles:
            if _occurrences(root, needle):  # pragma: no cover - a defect if ever reached
                raise refuse("residue", part=name[:100])
        out_parts[name] = _serialise(root)
    cleaned = out_parts
    order = ["[Content_Types].xml"] + sorted(n for n in cleaned if n != "[Content_Types].xml")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in order:
            # A fixed date: the package carries no time of editing.
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, cleaned[name])


# --- Entry points of the worker process (safe_extract `call`) ------------------------------


def op_check(data, limits, progress, emit):
    check_docx(data, limits)
    return {}


def op_count_text(data, limits, progress, emit, *, text):
    return {"count": count_text(data, text, limits)}


def op_redact(data, limits, progress, emit, *, texts, out):
    redact_docx(data, texts, limits, out)
    return {}
