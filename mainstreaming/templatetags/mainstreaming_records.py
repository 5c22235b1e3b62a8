"""Template pieces that any record's page reuses: its comments and its documents."""

from django import template
from django.contrib.contenttypes.models import ContentType

from mainstreaming import permissions, selectors
from mainstreaming.forms import CommentForm

register = template.Library()


@register.inclusion_tag("components/comments.html", takes_context=True)
def comments_for(context, obj):
    """The comments on `obj`, and a form for those who may comment (the reviewers, and whom its app lets)."""
    request = context["request"]
    can_comment = permissions.can_comment(request, obj)
    return {
        "object": obj,
        "comments": list(selectors.comments_on(obj)),
        "can_comment": can_comment,
        "form": CommentForm(initial={"next": request.get_full_path()}) if can_comment else None,
        "content_type_id": ContentType.objects.get_for_model(obj).pk,
        "process_pk": obj.process_id,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("components/documents.html")
def documents_for(obj, upload_url=""):
    """The files attached to `obj`; `upload_url` shows the upload link to those allowed to add one."""
    return {"documents": list(selectors.documents_of(obj)), "upload_url": upload_url}
