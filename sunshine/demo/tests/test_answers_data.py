"""The demo loader (sunshine/demo/answers_data.py): three public answers with the applicants'
data masked, an application pointed to one of them, an Art. 44 cluster at the threshold;
idempotent."""

import pytest

from sunshine.demo import answers_data as demo
from sunshine.demo import foi_data, kernel_data
from sunshine.disclosure.answers import selectors
from sunshine.disclosure.answers.models import PublicAnswer
from sunshine.disclosure.foi.models import InfoRequest
from sunshine.kernel.orgs.models import Agency

pytestmark = pytest.mark.django_db


def test_demo_answers_and_cluster():
    kernel_data.load()
    foi_data.load(stdout=None)
    demo.load(stdout=None)
    answers = list(PublicAnswer.objects.public())
    assert len(answers) == 3
    for answer in answers:
        text = answer.title + answer.question + answer.answer
        for secret in ("林志强", "13826481357", "陈美玲", "440106198503120026"):
            assert secret not in text
    agency = Agency.objects.get(name="广东省交通运输厅")
    again = InfoRequest.objects.get(description=demo.ASKED_AGAIN)
    assert [a.title for a in selectors.matching_answers(again.description, agency=agency)] == [
        "2025年全省农村公路建设补助资金分配明细"
    ]
    first = InfoRequest.objects.get(description=demo.CLUSTER[0][1])
    cluster = selectors.art44_cluster(first)
    assert cluster.reached and cluster.applicants == 3
    count = InfoRequest.objects.count()
    demo.load(stdout=None)
    assert InfoRequest.objects.count() == count and PublicAnswer.objects.count() == 3
