"""The crawler of 网站自查: fetches a site's pages over real HTTP (urllib), same host only,
breadth first from the home page and the column pages, at most `max_pages` pages, a bounded
number of requests at a time, each with a 15 s timeout (国办秘函〔2019〕19号: a page not open
within 15 s counts as unavailable). robots.txt is not consulted: the site checks itself.

No Django model here: `crawl()` returns what it saw per page (status, time, the parts of the
HTML the checks read), and `checks.py` turns that into findings."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

TIMEOUT = 15.0
CONCURRENCY = 4
MAX_BYTES = 2_000_000  # read at most this much of a page
USER_AGENT = "SunshineSiteCheck/1.0 (+self-check of the government website)"
# Paths the self-check does not follow: staff, sign-in, API, admin, downloads of exports, and
# pages that only switch a preference.
SKIP_PREFIXES = (
    "/workbench/",
    "/admin/",
    "/accounts/",
    "/api/",
    "/i18n/",
    "/static/",
    "/media/",
    "/accessibility/elder/",
    "/jiucuo/",  # the 我为政府网站找错 form, linked from every page with that page's address
)
SKIP_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".csv", ".json", ".xml")


@dataclass
class PageInfo:
    """What one fetched URL gave."""

    url: str
    status: int = 0  # 0: no response (timeout, connection refused)
    error: str = ""
    elapsed: float = 0.0
    is_html: bool = False
    meta: dict = field(default_factory=dict)  # <meta name=…> (the first of each name)
    links: list = field(default_factory=list)  # absolute same-host hrefs, in page order
    item_links: list = field(default_factory=list)  # hrefs inside column item lists
    dates: list = field(default_factory=list)  # <time datetime> values (YYYY-MM-DD…)
    empty_column: bool = False  # the "本栏目暂无内容" marker
    footer_text: str = ""
    elder_link: bool = False  # a link to the 适老化 mode
    error_report_link: bool = False  # the 我为政府网站找错 entry
    text: str = ""  # visible text (for 办事指南 elements), first 20,000 characters

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 400

    @property
    def unavailable(self) -> bool:
        """Not served within the timeout, or a server error: counts against availability."""
        return self.status == 0 or self.status >= 500


@dataclass
class CrawlResult:
    base_url: str
    pages: dict  # url -> PageInfo, in fetch order
    sources: dict  # url -> the first page that linked to it
    item_targets: set  # urls reached from a column's item list (article pages)
    truncated: bool  # stopped at max_pages with links left
    seconds: float

    @property
    def failed(self) -> list[PageInfo]:
        return [p for p in self.pages.values() if p.unavailable]


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict = {}
        self.hrefs: list = []
        self.item_hrefs: list = []
        self.dates: list = []
        self.text_parts: list = []
        self.footer_parts: list = []
        self.elder = False
        self.error_link = False
        self._footer = 0
        self._item_list = 0
        self._skip = 0
        self._text_len = 0
        self.empty_column = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "meta" and a.get("name") and a["name"] not in self.meta:
            self.meta[a["name"]] = a.get("content", "").strip()
        elif tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
            if self._item_list:
                self.item_hrefs.append(a["href"])
            if "elder-toggle" in classes or "/accessibility/elder/" in a["href"]:
                self.elder = True
            if "data-error-report" in a or "/jiucuo/" in a["href"]:
                self.error_link = True
        elif tag == "time" and a.get("datetime"):
            self.dates.append(a["datetime"])
        elif tag == "footer":
            self._footer += 1
        elif tag == "ul" and "item-list" in classes:
            self._item_list += 1
        elif tag == "p" and "empty" in classes:
            self.empty_column = True
        elif tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "footer" and self._footer:
            self._footer -= 1
        elif tag == "ul" and self._item_list:
            self._item_list -= 1
        elif tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._skip:
            return
        if self._footer:
            self.footer_parts.append(data)
        if self._text_len < 20_000:
            self.text_parts.append(data)
            self._text_len += len(data)


def _normalise(url: str) -> str:
    return urldefrag(url)[0]


def _same_host(url: str, netloc: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.netloc == netloc


def _followable(url: str) -> bool:
    path = urlsplit(url).path
    return not path.startswith(SKIP_PREFIXES) and not path.lower().endswith(SKIP_EXTENSIONS)


def fetch(url: str, timeout: float = TIMEOUT) -> PageInfo:
    """GET one URL; parse it when it is HTML."""
    info = PageInfo(url=url)
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept-Language": "zh-CN"}
    )
    started = time.monotonic()
    # B310: only http(s) URLs of the crawled host reach here (crawl() checks _same_host).
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # nosec B310
            info.status = response.status
            content_type = response.headers.get("Content-Type", "")
            body = response.read(MAX_BYTES) if "html" in content_type else b""
            charset = response.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as exc:
        info.status, info.error = exc.code, str(exc.reason)[:200]
        info.elapsed = time.monotonic() - started
        return info
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        info.error = str(getattr(exc, "reason", exc))[:200] or exc.__class__.__name__
        info.elapsed = time.monotonic() - started
        return info
    info.elapsed = time.monotonic() - started
    if info.elapsed > timeout:
        info.status, info.error = 0, "timeout"
        return info
    if body:
        parse_into(info, body.decode(charset, errors="replace"))
    return info


def parse_into(info: PageInfo, html: str) -> PageInfo:
    """Fill `info` from the page's HTML."""
    url = info.url
    info.is_html = True
    parser = _Parser()
    try:
        parser.feed(html)
        parser.close()
    except AssertionError:  # html.parser gives up on some broken markup
        pass
    info.meta = parser.meta
    info.links = [_normalise(urljoin(url, h)) for h in parser.hrefs]
    info.item_links = [_normalise(urljoin(url, h)) for h in parser.item_hrefs]
    info.dates = parser.dates
    info.empty_column = parser.empty_column
    info.footer_text = " ".join("".join(parser.footer_parts).split())
    info.elder_link = parser.elder
    info.error_report_link = parser.error_link
    info.text = " ".join("".join(parser.text_parts).split())
    return info


def crawl(
    base_url: str,
    *,
    seeds: tuple[str, ...] = (),
    max_pages: int = 500,
    concurrency: int = CONCURRENCY,
    timeout: float = TIMEOUT,
    deadline_seconds: float = 1800.0,
    fetcher=None,
) -> CrawlResult:
    """Breadth first from `base_url` (and the `seeds` paths, e.g. the column pages), same host
        only, until `max_pages` URLs are fetched or none are left. `fetcher(url, timeout)` replaces
    the HTTP fetch (the demo renders its pages in-process)."""
    started = time.monotonic()
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    netloc = urlsplit(base_url).netloc
    queue = [base_url, *(urljoin(base_url, s) for s in seeds)]
    seen = set(queue)
    pages: dict = {}
    sources: dict = {}
    item_targets: set = set()
    truncated = False
    get = fetcher or fetch
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        while queue:
            room = max_pages - len(pages)
            if room <= 0 or time.monotonic() - started > deadline_seconds:
                truncated = True
                break
            batch, queue = queue[:room], queue[room:]
            if concurrency <= 1:  # in this thread (the demo's in-process fetch needs it)
                fetched = (get(u, timeout) for u in batch)
            else:
                fetched = pool.map(lambda u: get(u, timeout), batch)
            for info in fetched:
                pages[info.url] = info
                item_targets.update(u for u in info.item_links if _same_host(u, netloc))
                for link in info.links:
                    if not _same_host(link, netloc) or not _followable(link):
                        continue
                    sources.setdefault(link, info.url)
                    if link not in seen:
                        seen.add(link)
                        queue.append(link)
    return CrawlResult(
        base_url=base_url,
        pages=pages,
        sources=sources,
        item_targets=item_targets,
        truncated=truncated,
        seconds=round(time.monotonic() - started, 2),
    )
