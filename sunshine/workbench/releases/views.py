"""Staff pages of the files provided to an applicant (提供的信息) and their redaction for
部分公开 (条例 Art. 37). Thin: the request is read through the FOI staff selector (a request
the user may not see is a 404), every write goes through releases.services, whose refusals
are shown next to the fields with the user's input kept."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.disclosure.foi import selectors as foi_selectors
from sunshine.disclosure.releases import engine, selectors, services
from sunshine.disclosure.releases.choices import ReleasedFileKind
from sunshine.kernel.access.policy import can
from sunshine.kernel.accounts.forms import report_refusal
from sunshine.kernel.redaction import RedactionError

from ..access import staff_required
from ..actions import run_action
from .forms import BoxRedactionForm, TextRedactionForm, UploadForm

PAGES_PER_SCREEN = 10
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _request(request, pk):
    item = foi_selectors.request_for_staff(request.user, pk)
    if item is None:
        raise Http404(_("该申请不存在，或不在您的权限范围内。"))
    return item


def _file(request, pk, file_pk):
    item = _request(request, pk)
    released_file = selectors.file_for_staff(request.user, item, file_pk)
    if released_file is None:
        raise Http404(_("该文件不存在。"))
    return item, released_file


def _filename(released_file, suffix: str = "") -> str:
    return f"{released_file.title}{suffix}.{released_file.kind}"


@never_cache
@staff_required
def file_list(request, pk):
    item = _request(request, pk)
    may_handle = can(request.user, "foi.handle", item)
    form = UploadForm()
    if request.method == "POST":
        if not may_handle:
            raise PermissionDenied(_("只有公开办工作人员可以上传文件。"))
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            done = run_action(
                request,
                lambda: services.upload_source(
                    request=item,
                    actor=request.user,
                    uploaded_file=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                ),
                form=form,
                denied_as_403=True,
                success=_("已上传，请标出不予公开的内容。"),
                redirect_to=lambda released_file: reverse(
                    "workbench:foi_file_redact", args=[item.pk, released_file.pk]
                ),
            )
            if done:
                return done
    context = {
        "item": item,
        "files": selectors.files_for_staff(request.user, item),
        "form": form,
        "may_handle": may_handle,
    }
    return render(
        request, "workbench/releases/list.html", context, status=422 if form.errors else 200
    )


def _redact_context(request, item, released_file, text_form=None, box_form=None):
    pages = []
    screen = 1
    if released_file.kind == ReleasedFileKind.PDF:
        try:
            sizes = engine.page_sizes(released_file)
        except RedactionError as exc:
            messages.error(request, str(exc))
            sizes = []
        try:
            screen = max(1, int(request.GET.get("screen", "1")))
        except ValueError:
            screen = 1
        first = (screen - 1) * PAGES_PER_SCREEN + 1
        for number in range(first, min(first + PAGES_PER_SCREEN, len(sizes) + 1)):
            width, height = sizes[number - 1]
            pages.append({"number": number, "width": round(width, 2), "height": round(height, 2)})
        screens = (len(sizes) + PAGES_PER_SCREEN - 1) // PAGES_PER_SCREEN
    else:
        screens = 0
    return {
        "item": item,
        "file": released_file,
        "redactions": list(released_file.redactions.all()),
        "pages": pages,
        "screen": screen,
        "screens": range(1, screens + 1) if screens > 1 else [],
        "text_form": text_form or TextRedactionForm(),
        "box_form": box_form or BoxRedactionForm(),
        "may_handle": can(request.user, "foi.handle", item) and not released_file.is_released,
        "in_background": services.produced_in_background(released_file),
    }


@never_cache
@staff_required
def redact(request, pk, file_pk):
    item, released_file = _file(request, pk, file_pk)
    context = _redact_context(request, item, released_file)
    return render(request, "workbench/releases/redact.html", context)


def _back_url(item, released_file, anchor="redactions") -> str:
    url = reverse("workbench:foi_file_redact", args=[item.pk, released_file.pk])
    return f"{url}#{anchor}"


def _back(item, released_file, anchor="redactions"):
    return redirect(_back_url(item, released_file, anchor))


@staff_required
@require_POST
def add_text(request, pk, file_pk):
    item, released_file = _file(request, pk, file_pk)
    form = TextRedactionForm(request.POST)
    if form.is_valid():
        page = request.POST.get("page") or None
        done = run_action(
            request,
            lambda: services.add_text_redaction(
                released_file=released_file,
                actor=request.user,
                page=int(page) if page and page.isdigit() else None,
                **form.cleaned_data,
            ),
            form=form,
            success=lambda redaction: (
                _("已添加：文件中共 %(n)d 处将被删除。") % {"n": redaction.occurrences}
            ),
            redirect_to=_back_url(item, released_file),
        )
        if done:
            return done
    context = _redact_context(request, item, released_file, text_form=form)
    return render(request, "workbench/releases/redact.html", context, status=422)


@staff_required
@require_POST
def add_box(request, pk, file_pk):
    item, released_file = _file(request, pk, file_pk)
    form = BoxRedactionForm(request.POST)
    if form.is_valid():
        done = run_action(
            request,
            lambda: services.add_box_redaction(
                released_file=released_file, actor=request.user, **form.cleaned_data
            ),
            form=form,
            success=_("已添加框选区域。"),
            redirect_to=_back_url(item, released_file),
        )
        if done:
            return done
    context = _redact_context(request, item, released_file, box_form=form)
    return render(request, "workbench/releases/redact.html", context, status=422)


@staff_required
@require_POST
def remove(request, pk, file_pk, redaction_pk):
    item, released_file = _file(request, pk, file_pk)
    redaction = released_file.redactions.filter(pk=redaction_pk).first()
    if redaction is None:
        raise Http404(_("该删除内容不存在。"))
    return run_action(
        request,
        lambda: services.remove_redaction(redaction=redaction, actor=request.user),
        success=_("已撤销。"),
        redirect_to=_back_url(item, released_file),
    )


@staff_required
def page_image(request, pk, file_pk, page):
    """A page of the source with the redactions outlined (staff only, never cached)."""
    _item, released_file = _file(request, pk, file_pk)
    if released_file.kind != ReleasedFileKind.PDF:
        raise Http404()
    style = "solid" if request.GET.get("style") == "solid" else "outline"
    try:
        png = engine.page_image(released_file, page, style=style)
    except RedactionError as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def preview(request, pk, file_pk):
    item, released_file = _file(request, pk, file_pk)
    if services.produced_in_background(released_file):
        if request.method != "POST":  # starting a job is a write: the page offers a button
            return _back(item, released_file, "release")
        return run_action(
            request,
            lambda: services.start_production(
                released_file=released_file, actor=request.user, preview=True
            ),
            success=_("文件较长，正在后台生成预览，完成后可在本页下载。"),
            redirect_to=lambda job: reverse("workbench:filejob", args=[job.pk]),
            refused_to=_back_url(item, released_file, "release"),
        )
    try:
        data = services.build_preview(released_file=released_file, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        report_refusal(request, exc)
        return _back(item, released_file, "release")
    response = HttpResponse(data, content_type=MIME[released_file.kind])
    disposition = "inline" if released_file.kind == ReleasedFileKind.PDF else "attachment"
    response["Content-Disposition"] = content_disposition_header(
        disposition == "attachment", _filename(released_file, _("（预览）"))
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required
@require_POST
def release(request, pk, file_pk):
    item, released_file = _file(request, pk, file_pk)
    if request.POST.get("confirm") != "1":
        messages.error(request, _("请勾选“已预览并确认”后再提供。"))
        return _back(item, released_file, "release")
    if services.produced_in_background(released_file):
        return run_action(
            request,
            lambda: services.start_production(
                released_file=released_file, actor=request.user, preview=False
            ),
            success=_("文件较长，正在后台生成，完成后即提供给申请人。"),
            redirect_to=lambda job: reverse("workbench:filejob", args=[job.pk]),
            refused_to=_back_url(item, released_file, "release"),
        )
    return run_action(
        request,
        lambda: services.release_file(released_file=released_file, actor=request.user),
        success=_("已提供给申请人，文件不能再修改。"),
        redirect_to=reverse("workbench:foi_files", args=[item.pk]),
        refused_to=_back_url(item, released_file, "release"),
    )


@staff_required
@require_POST
def discard(request, pk, file_pk):
    item, released_file = _file(request, pk, file_pk)
    return run_action(
        request,
        lambda: services.discard_draft(released_file=released_file, actor=request.user),
        success=_("已删除。"),
        redirect_to=reverse("workbench:foi_files", args=[item.pk]),
        refused_to=_back_url(item, released_file, "release"),
    )


@staff_required
def download(request, pk, file_pk):
    _item, released_file = _file(request, pk, file_pk)
    if not released_file.is_released:
        raise Http404(_("该文件尚未提供。"))
    response = FileResponse(
        released_file.released.open("rb"),
        as_attachment=True,
        filename=_filename(released_file),
        content_type=MIME[released_file.kind],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
