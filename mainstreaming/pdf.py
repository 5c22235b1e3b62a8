"""The one way a PDF is made: a Django template under templates/pdf/ rendered by WeasyPrint."""

from dataclasses import dataclass

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int


def print_css() -> str:
    """The print stylesheet, inlined: a worker has no web server to fetch it from."""
    path = finders.find("css/print.css")
    with open(path, encoding="utf-8") as stream:
        return stream.read()


def render_pdf(*, template_name: str, context: dict) -> RenderedPdf:
    html = render_to_string(template_name, {**context, "print_css": print_css()})
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    return RenderedPdf(content=document.write_pdf(), page_count=len(document.pages))
