from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.access.policy import registered_actions
from sunshine.kernel.deadlines.models import Clock


class PauseForm(forms.Form):
    reason = forms.CharField(
        label=_("暂停原因"),
        max_length=200,
        help_text=_("如：补正、征求第三方意见、缴费、专家论证"),
    )


class ExtendForm(forms.Form):
    approver = forms.ModelChoiceField(label=_("批准人"), queryset=None)
    length = forms.IntegerField(label=_("延期数量"), min_value=1, max_value=365)
    reason = forms.CharField(label=_("延期理由"), max_length=300, widget=forms.Textarea)

    def __init__(self, *args, clock: Clock, **kwargs):
        super().__init__(*args, **kwargs)
        from sunshine.kernel.accounts.models import User

        # Who may approve: holders of a "clock.extend" role on the clock's agency or above.
        roles = registered_actions().get("clock.extend", frozenset())
        self.fields["approver"].queryset = (
            User.objects.filter(
                is_active=True,
                kind=User.Kind.STAFF,
                grants__role__in=roles,
                grants__agency_id__in=clock.agency.ancestors_ids(),
            )
            .distinct()
            .order_by("display_name", "email")
        )
        self.fields["length"].help_text = _("单位：%(unit)s") % {"unit": clock.get_unit_display()}
