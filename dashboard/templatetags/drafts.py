"""Writing a draft's paragraphs (lists of parts, see dashboard.sitrep) as HTML."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ..sitrep import Arabic, Cite

register = template.Library()


@register.filter
def parts_html(parts):
    """Text escaped, Arabic names isolated right-to-left, citations as links."""
    def one(part):
        if isinstance(part, Cite):
            if part.number:
                return format_html('<a class="cite" href="{}">[{}]</a>', part.url, part.number)
            return format_html('<a class="cite" href="{}">[{}]</a>', part.url, part.label)
        if isinstance(part, Arabic):
            return format_html('<bdi dir="rtl" lang="ar">{}</bdi>', part.text)
        return format_html("{}", part.text)

    return mark_safe("".join(one(p) for p in parts))  # noqa: S308 (every part escaped above)


@register.filter
def svg(markup):
    return mark_safe(markup)  # noqa: S308 (drawn by sitrep.chart_svg from numbers and ISO dates only)
