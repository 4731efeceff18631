from django.urls import reverse


def detail_path_template() -> str:
    """/workbench/records/{}/ — for building many links without reverse()."""
    marker = 987654321
    return reverse("workbench:records_detail", args=[marker]).replace(str(marker), "{}")
