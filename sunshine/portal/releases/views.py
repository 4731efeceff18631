"""The applicant's download of the files provided to them (提供的信息): released files only,
of their own request only; anything else is a 404 (no hint that it exists)."""

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sunshine.disclosure.foi import selectors as foi_selectors
from sunshine.disclosure.releases import selectors

MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@never_cache
def my_file(request, pk, file_pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    item = foi_selectors.request_for_applicant(request.user, pk)
    if item is None:
        raise Http404(_("该申请不存在。"))
    released_file = selectors.released_files_for_applicant(request.user, item).filter(pk=file_pk)
    released_file = released_file.first()
    if released_file is None:
        raise Http404(_("该文件不存在。"))
    response = FileResponse(
        released_file.released.open("rb"),
        as_attachment=True,
        filename=f"{released_file.title}.{released_file.kind}",
        content_type=MIME[released_file.kind],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
