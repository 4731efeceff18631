"""Demo data of the site cluster (网站集群): a second site, 广州市人民政府 at www.gz.gov.cn,
showing only the content of 广州市 agencies (广州市人民政府, 广州市交通运输局: two policy
documents of theirs published here, their service items, briefings …), and the provincial seed
notice pushed to its 政策文件 column (推送到子站, with 来源 广东省人民政府办公厅). Idempotent;
the records are indexed by the records demo that runs after this one (index_records).

On a development machine the site opens at http://www.gz.gov.cn:8000/ once the name points to
127.0.0.1 (/etc/hosts); config/settings/dev.py allows the host."""

import datetime as dt

from django.conf import settings
from django.urls import reverse

from sunshine.disclosure.records.importing import import_published_record
from sunshine.disclosure.records.models import DisclosureRecord
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.sites.models import Site
from sunshine.kernel.sites.services import ensure_site, push_item

from .disclosure_data import SEED_AGENCY, load_seed_notice

GZ_HOST = "www.gz.gov.cn"
# 公开主体, title, 文号, 成文日期, topic, kind
CITY_RECORDS = [
    (
        "广州市人民政府",
        "广州市人民政府办公厅关于进一步做好政务公开工作的通知",
        "穗府办〔2026〕3号",
        dt.date(2026, 3, 16),
        "general",
        "notice",
    ),
    (
        "广州市交通运输局",
        "广州市交通运输局关于优化中心城区公交线网的通告",
        "穗交〔2026〕12号",
        dt.date(2026, 5, 8),
        "industry",
        "notice",
    ),
]


def load_city_records() -> int:
    existing = set(DisclosureRecord.objects.values_list("title", flat=True))
    created = 0
    for agency_name, title, number, written, topic, kind in CITY_RECORDS:
        if title in existing:
            continue
        import_published_record(
            actor=None,
            agency=Agency.objects.get(name=agency_name),
            title=title,
            doc_number=number,
            date_written=written,
            date_published=written + dt.timedelta(days=2),
            topic=topic,
            kind=kind,
            body=f"{title}。\n（演示数据：广州市人民政府网站只显示广州市各机关的内容。）",
            source="demo:sites",
            index=False,
        )
        created += 1
    return created


def load(stdout=None) -> dict:
    city = Agency.objects.get(name="广州市人民政府")
    gz = ensure_site(
        host=GZ_HOST,
        name="广州市人民政府",
        id_code="4401000001",
        sponsor="广州市人民政府办公厅",
        contact="020-12345",
        icp="粤ICP备05070829号",
        agency=city,
    )
    load_city_records()
    province = Site.objects.filter(host=settings.SITE_DOMAIN).first()
    # The provincial notice is published once (the records demo) and shown on the city's site.
    seed = load_seed_notice(Agency.objects.get(name=SEED_AGENCY))
    if province is not None and seed.date_published:
        push_item(
            actor=User.objects.get(email="sysadmin@demo.gd.gov.cn"),
            from_site=province,
            to_sites=[gz],
            column_slug="zcwj",
            item_type="record",
            item_id=seed.pk,
            title=seed.title,
            url=reverse("portal:records_detail", args=[seed.pk]),
            date=seed.date_published,
            source_agency=seed.agency,
        )
    if stdout is not None:
        stdout.write(f"site cluster: {gz.name} at {gz.host}")
    return {"gz_site": gz}
