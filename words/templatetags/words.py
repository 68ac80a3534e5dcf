"""``{{ text|glossary:terms }}`` marks the group's terms in its own text; ``{% avoid_hint
field %}`` is the gentle hint beside a field where someone wrote a word the group would
rather not use."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData
from django.utils.translation import gettext as _

from ..glossary import PageWords

register = template.Library()


@register.filter
def glossary(value, terms):
    """The text escaped, then its glossary terms linked to their meanings.

    Text that is already markup is left as it is: terms are only ever looked for in plain
    text, which this filter escapes itself.
    """
    if value is None:
        return ""
    if isinstance(value, SafeData) or not isinstance(terms, PageWords):
        return conditional_escape(value)
    return terms.mark(str(value))


def hint_sentence(word: str, instead: str) -> str:
    return _("“%(word)s”: we'd rather say “%(instead)s”.") % {
        "word": word,
        "instead": instead,
    }


@register.simple_tag(takes_context=True)
def avoid_hint(context, field) -> str:
    """Beside a text box: which words to avoid it holds, when it comes back after a submit.

    A form sent back with errors holds the words; so does the empty form drawn again after
    an htmx save, whose words are still in the request. The box also carries the list for
    the script that says the same while someone types.
    """
    terms = context.get("terms")
    if not isinstance(terms, PageWords) or terms.project_id is None:
        return ""
    if not terms.compiled.avoid:
        return ""
    text = ""
    if field.form.is_bound:
        text = field.value() or ""
    else:
        request = context.get("request")
        if request is not None and request.method == "POST":
            text = request.POST.get(field.html_name, "")
    found = [hint_sentence(written, a.instead) for written, a in terms.avoided(str(text))]
    return render_to_string(
        "words/_avoid_hint.html",
        {
            "field": field,
            "found": found,
            "words_json": terms.avoid_json_attribute(),
            "pattern": terms.avoid_pattern(),
            "template": hint_sentence("{word}", "{instead}"),
            "words_url": terms.page_url,
        },
    )
