"""
Django admin for the site admin: create processes and appoint their first NFP. Writes that carry rights go
through the same services as the application, so the groups and grants are never out of step.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from mainstreaming import services
from mainstreaming.models import Institution, Membership, PhaseProgress, Process, Report, Sector


class ProcessAdminForm(forms.ModelForm):
    first_nfp = forms.ModelChoiceField(
        label=_("First National Focal Point"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        required=False,
        help_text=_("The person who will run the process; they can invite everyone else."),
    )

    class Meta:
        model = Process
        fields = ["country", "title", "instrument", "period_start", "period_end", "current_phase", "status"]


@admin.register(Process)
class ProcessAdmin(SimpleHistoryAdmin):
    form = ProcessAdminForm
    list_display = ["country", "title", "instrument", "period_start", "period_end", "current_phase", "status"]
    list_filter = ["status", "instrument", "current_phase"]
    search_fields = ["country", "title"]

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is not None and "first_nfp" in fields:
            fields.remove("first_nfp")
        return fields

    def save_model(self, request, obj, form, change):
        if change:
            obj._history_user = request.user
            obj._change_reason = "process.updated_in_admin"
            obj.save()
            services.process_set_up(process=obj, actor=request.user)
            return
        data = form.cleaned_data
        created = services.process_create(
            actor=request.user,
            country=data["country"],
            title=data["title"],
            instrument=data["instrument"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            first_nfp=data.get("first_nfp"),
        )
        obj.pk = created.pk
        obj.refresh_from_db()


class MembershipAdminForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "process", "role", "institution"]

    def clean(self):
        cleaned = super().clean()
        user, process = cleaned.get("user"), cleaned.get("process")
        if user and process and Membership.objects.filter(user=user, process=process, is_active=True).exists():
            raise ValidationError(_("This person already takes part in this process."))
        return cleaned


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    form = MembershipAdminForm
    list_display = ["user", "process", "role", "institution", "is_active"]
    list_filter = ["role", "is_active", "process"]
    search_fields = ["user__username", "user__email", "user__last_name"]
    list_select_related = ["user", "process", "institution"]

    def has_change_permission(self, request, obj=None):
        # Role changes and endings happen in the application, where they record a reason.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        created = services.membership_create(
            actor=request.user,
            process=obj.process,
            user=obj.user,
            role=obj.role,
            institution=obj.institution,
            reason="appointed in admin",
            check_actor=False,
        )
        obj.pk = created.pk


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "kind", "process"]
    list_filter = ["kind", "process"]
    search_fields = ["name", "acronym"]
    readonly_fields = ["process"]

    def has_add_permission(self, request):
        # Institutions are added in the application, which gives them their group and grants.
        return False


@admin.register(PhaseProgress)
class PhaseProgressAdmin(SimpleHistoryAdmin):
    list_display = ["process", "phase", "status"]
    list_filter = ["phase", "status"]

    def has_add_permission(self, request):
        return False


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "process", "status", "visibility", "requested_by", "created", "page_count"]
    list_filter = ["status", "visibility", "kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # a built report is a frozen record


@admin.register(Sector)
class SectorAdmin(SimpleHistoryAdmin):
    list_display = ["position", "code", "name"]
    list_display_links = ["code", "name"]
