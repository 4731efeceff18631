"""Writes of 网站自查: queue a crawl (monthly for every site, or on demand from the workbench),
run it in the background (tasks.crawl_task), store its findings and the checklist score."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event

from . import checks, crawler, scoring, sources
from .choices import RunState, Trigger
from .models import CrawlRun, Finding
from .targets import SiteTarget, site_targets

logger = logging.getLogger(__name__)

DEFAULT_MAX_PAGES = 500
MAX_PAGES_LIMIT = 5000


def max_pages_setting() -> int:
    return int(getattr(settings, "SITECHECK_MAX_PAGES", DEFAULT_MAX_PAGES))


def _new_run(target: SiteTarget, *, trigger: str, actor=None, max_pages=None, base_url=None):
    max_pages = max_pages_setting() if max_pages is None else int(max_pages)
    if not 1 <= max_pages <= MAX_PAGES_LIMIT:
        raise ValidationError(_("最多检查页面数应在 1 到 %(n)s 之间。") % {"n": MAX_PAGES_LIMIT})
    return CrawlRun.objects.create(
        site_id=target.site_id,
        host=target.host,
        site_name=target.name,
        agency_id=target.agency_id,
        base_url=base_url or target.base_url,
        trigger=trigger,
        requested_by=actor if getattr(actor, "pk", None) else None,
        created_at=clock.now(),
        max_pages=max_pages,
    )


@transaction.atomic
def request_run(
    *, actor, target: SiteTarget, max_pages: int | None = None, base_url: str | None = None
) -> CrawlRun:
    """On demand (the workbench button): queue a run; the worker runs it."""
    from .tasks import crawl_task

    run = _new_run(
        target, trigger=Trigger.MANUAL, actor=actor, max_pages=max_pages, base_url=base_url
    )
    require(actor, "sitecheck.run", run)
    if (
        CrawlRun.objects.filter(host=target.host, state__in=[RunState.QUEUED, RunState.RUNNING])
        .exclude(pk=run.pk)
        .exists()
    ):
        raise ValidationError(_("该网站已有一次自查在进行中，请等它完成。"))
    record_event(
        action="sitecheck.request",
        actor=actor,
        obj=run,
        summary=_("发起网站自查：%(site)s") % {"site": run.site_name},
        data={"base_url": run.base_url, "max_pages": run.max_pages},
    )
    pk = run.pk
    transaction.on_commit(lambda: crawl_task.enqueue(pk), robust=True)
    return run


def _unanswered(target: SiteTarget) -> list:
    items = []
    for source in sources.UNANSWERED.all():
        try:
            items += list(source.items(target))
        except Exception:  # one module's failure must not lose the whole crawl
            logger.exception("sitecheck: unanswered source %s failed", source.key)
    return items


def execute_run(
    run_id: int, *, target: SiteTarget | None = None, fetcher=None, concurrency: int | None = None
) -> dict:
    """Crawl, check, score and store. Idempotent: a run that already ended is left alone.
    `fetcher` replaces the HTTP fetch (crawler.crawl; the demo renders in-process)."""
    from .targets import target_by_host

    run = CrawlRun.objects.filter(pk=run_id).first()
    if run is None or run.state in (RunState.DONE, RunState.FAILED):
        return {"run": run_id, "skipped": True}
    target = target or target_by_host(run.host)
    run.state, run.started_at = RunState.RUNNING, clock.now()
    run.save(update_fields=["state", "started_at"])
    try:
        if target is None:
            raise LookupError(f"no site {run.host}")
        result = crawler.crawl(
            run.base_url,
            seeds=checks.column_seeds(target.identity.columns),
            max_pages=run.max_pages,
            concurrency=concurrency
            or int(getattr(settings, "SITECHECK_CONCURRENCY", crawler.CONCURRENCY)),
            fetcher=fetcher,
        )
        today = timezone.localdate(clock.now())
        findings, summary = checks.analyse(result, target.identity, today, _unanswered(target))
    except Exception as exc:
        logger.exception("sitecheck run %s failed", run_id)
        run.state, run.finished_at, run.error = RunState.FAILED, clock.now(), str(exc)[:2000]
        run.save(update_fields=["state", "finished_at", "error"])
        return {"run": run_id, "failed": str(exc)[:200]}
    outcome = scoring.score(findings)
    with transaction.atomic():
        Finding.objects.bulk_create(
            Finding(
                run=run,
                item=f.item,
                severity=f.severity,
                url=f.url[:500],
                source_url=f.source_url[:500],
                message=f.message[:500],
                points=f.points,
                data=f.data,
            )
            for f in findings
        )
        pages = list(result.pages.values())
        run.pages_checked = len(pages)
        run.pages_failed = len(result.failed)
        run.links_checked = len(result.sources)
        run.score = outcome["score"]
        run.vetoed = outcome["vetoed"]
        run.summary = {
            **summary,
            "indicators": outcome["indicators"],
            "verdict": outcome["verdict"],
            "findings": len(findings),
        }
        run.state, run.finished_at = RunState.DONE, clock.now()
        run.save()
        record_event(
            action="sitecheck.finish",
            obj=run,
            summary=_("网站自查完成：%(site)s，%(score)s 分")
            % {
                "site": run.site_name,
                "score": run.score,
            },
            data={"pages": run.pages_checked, "findings": len(findings), "vetoed": run.vetoed},
        )
    return {"run": run_id, "pages": run.pages_checked, "findings": len(findings)}


def start_scheduled_run(target: SiteTarget, *, max_pages: int | None = None) -> CrawlRun:
    run = _new_run(target, trigger=Trigger.SCHEDULED, max_pages=max_pages)
    record_event(
        action="sitecheck.request",
        obj=run,
        summary=_("每月网站自查：%(site)s") % {"site": run.site_name},
    )
    return run


def crawl_all_sites() -> dict:
    """The monthly job: one run per site of the cluster, one after the other."""
    done = []
    for target in site_targets():
        if CrawlRun.objects.filter(
            host=target.host, state__in=[RunState.QUEUED, RunState.RUNNING]
        ).exists():
            continue
        run = start_scheduled_run(target)
        done.append(execute_run(run.pk, target=target))
    return {"runs": done}
