"""订阅 (/dingyue/): what a feed is, every Atom feed of the portal, and the e-mail subscription
to a column (kernel/notify `subscribe_email`: nothing is sent until the address confirms, the
double opt-in). Also the XSLT stylesheet that every feed names (feeds.py), so a feed opened in a
browser reads as a page instead of raw XML."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from sunshine.kernel.access.ratelimit import over_limit
from sunshine.kernel.accounts.forms import attach_errors
from sunshine.kernel.notify import services as notify

# (feed URL name in the "portal" namespace, label, e-mail topic). A test checks that every
# `*_feed` URL of the portal is listed here, so a new feed cannot be left off the page.
FEEDS = (
    ("records_feed", gettext_lazy("政策文件"), "column.zcwj"),
    ("interpretations_feed", gettext_lazy("政策解读"), "column.zcjd"),
    ("gazette_feed", gettext_lazy("政府公报"), "column.gb"),
    ("answers_feed", gettext_lazy("依申请公开答复"), "column.gkdf"),
    ("enforcement_feed", gettext_lazy("行政执法公示"), "column.xzzf"),
    ("trading_feed", gettext_lazy("公共资源交易"), "column.ggzy"),
    ("opendata_feed", gettext_lazy("数据开放"), "column.sjkf"),
)
TOPIC_LABELS = {topic: label for _name, label, topic in FEEDS}
SUBSCRIBE_PER_HOUR = 10  # confirmation mails a visitor may trigger: no mail bombing by proxy


class EmailSubscriptionForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("电子邮箱"),
        max_length=254,
        error_messages={"invalid": gettext_lazy("请输入有效的电子邮箱地址。")},
    )
    topic = forms.ChoiceField(
        label=gettext_lazy("订阅栏目"),
        choices=[(topic, label) for _name, label, topic in FEEDS],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("请选择要订阅的栏目。")},
    )


def feed_links(request) -> list[dict]:
    return [
        {
            "label": label,
            "url": reverse(f"portal:{name}"),
            "absolute": request.build_absolute_uri(reverse(f"portal:{name}")),
        }
        for name, label, _topic in FEEDS
    ]


@require_http_methods(["GET", "POST"])
def subscribe_page(request):
    initial = {"email": request.user.email} if request.user.is_authenticated else {}
    form = EmailSubscriptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if over_limit(request, "notify.subscribe", limit=SUBSCRIBE_PER_HOUR, window=3600):
            form.add_error(None, _("订阅请求过于频繁，请一小时后再试。"))
        else:
            topic = form.cleaned_data["topic"]
            try:
                sub = notify.subscribe_email(
                    email=form.cleaned_data["email"],
                    topic=topic,
                    topic_label=str(TOPIC_LABELS[topic]),
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("确认邮件已发送到 %(email)s，请打开邮件中的链接完成订阅。")
                    % {"email": sub.email},
                )
                return redirect("portal:subscribe")
    context = {
        "form": form,
        "feeds": feed_links(request),
        "column_name": _("订阅"),
        "article_title": _("订阅"),
    }
    return render(request, "portal/mine/subscribe.html", context)


@cache_control(max_age=3600, public=True)
def feed_stylesheet(request):
    """The XSLT 1.0 stylesheet named by each feed's xml-stylesheet instruction. Served from
    the site itself: browsers apply only a same-origin stylesheet."""
    context = {"subscribe_url": reverse("portal:subscribe")}
    return render(
        request,
        "portal/mine/atom.xsl",
        context,
        content_type="text/xsl; charset=utf-8",
    )
