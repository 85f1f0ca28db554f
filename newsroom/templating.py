"""The public site's template engine: Jinja2, with the helpers its templates call.

The reader-facing pages (`public_templates/`: the home page, articles, lists, search, static
pages, live blogs and the error pages) render with Jinja2; the admin, the desk, e-mails and
sitemaps keep Django's template language (`templates/`). With every cache empty, Django's
engine was the largest cost left on a page: a hundred links, dates and escapes, each through
its variable lookup, filter and context machinery. Jinja2 compiles a template to Python once
per process; the pages cost a fifth to a quarter less CPU (docs/performance.md).

The helpers are the same functions the Django template tags call (each app's `templatetags`),
so both engines show the same markup. Differences from Django's language that the templates
follow: methods are called with `()`, `x or y` stands for `x|default:y`, and autoescaping
writes quotes as `&#34;`/`&#39;` (Django: `&quot;`/`&#x27;`), which browsers read the same.
"""

from types import BuiltinFunctionType, FunctionType, MethodType

from django.template.defaultfilters import linebreaksbr, pluralize, urlencode, yesno
from django.utils.safestring import mark_safe
from jinja2 import Environment, Template, pass_context
from jinja2.compiler import CodeGenerator
from jinja2.runtime import Context

from articles import story_markup
from articles.templatetags import articles_tags
from core import render_state
from core.dates import fast_date
from core.escaping import escape_output
from core.reversing import cached_reverse
from core.static_urls import static_url
from distribution.templatetags import seo_tags
from images.templatetags.images_tags import picture
from liveblog.templatetags import liveblog_tags
from pages.templatetags import site_chrome
from richtext.rendering import scrollable_tables
from richtext.templatetags.richtext_tags import render_body


@pass_context
def querystring(context: Context, **changes) -> str:
    """This request's query string with `changes` (None removes a key), like Django's tag."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return f"?{params.urlencode() if params else ''}"


def _with_context(function):
    """A Django `takes_context` tag as a Jinja2 global: the template's context comes first."""
    return pass_context(lambda context, *args, **kwargs: function(context, *args, **kwargs))


def _keeps_safety(function):
    """A Django filter registered `is_safe=True` as a Jinja2 filter: safe input, safe output."""

    def filter(value, *args):
        result = function(value, *args)
        return mark_safe(result) if hasattr(value, "__html__") else result  # noqa: S308

    return filter


GLOBALS = {
    "url": cached_reverse,  # {{ url("articles:tag", slug=tag.slug) }}: memoized like every link
    "static": static_url,
    "querystring": querystring,
    "picture": picture,
    "brand_links": site_chrome.brand_links,
    "site_header": _with_context(site_chrome.site_header),
    "site_footer": _with_context(site_chrome.site_footer),
    "canonical_url": _with_context(seo_tags.canonical_url),
    "teasers": _with_context(articles_tags.teasers),
    "teaser": _with_context(articles_tags.teaser),
    "story_cards": story_markup.story_cards,
    "story_grid": story_markup.story_grid,
    "byline": story_markup.byline,
    "dates": story_markup.dates,
    "article_part": _with_context(articles_tags.article_part),
    "article_aside": _with_context(articles_tags.article_aside),
    "social_image": seo_tags.social_image,
    "twitter_site": seo_tags.twitter_site,
    "article_json_ld": seo_tags.article_json_ld,
    "author_json_ld": seo_tags.author_json_ld,
    "website_json_ld": seo_tags.website_json_ld,
    "section_json_ld": seo_tags.section_json_ld,
    "tag_json_ld": seo_tags.tag_json_ld,
    "live_badge": liveblog_tags.live_badge,
    "live_blog": liveblog_tags.live_blog,
    "live_feed_links": liveblog_tags.live_feed_links,
    "article_structured_data": liveblog_tags.article_structured_data,
}

FILTERS = {
    "fast_date": fast_date,
    "render_body": render_body,
    "scrollable_tables": _keeps_safety(scrollable_tables),
    "absolute": seo_tags.absolute,
    "urlencode": urlencode,
    "pluralize": pluralize,
    "linebreaksbr": linebreaksbr,
    "yesno": yesno,
}


class PageTemplate(Template):
    """A template whose render reads the active language, time zone, URLconf and script prefix
    once for all its links and dates (`core.render_state`), includes and nested renders too."""

    def render(self, *args, **kwargs) -> str:
        if render_state.is_held():  # a teaser or widget inside a page: the page holds them
            return super().render(*args, **kwargs)
        with render_state.held():
            return super().render(*args, **kwargs)


class PublicCodeGenerator(CodeGenerator):
    """Jinja2's compiler, writing `{{ value }}` through `escape_output()` where the page is
    autoescaped (always, here: `environment()`), rather than through `escape()`."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            return super()._output_child_pre(node, frame, finalize)
        self.write("environment.escape_output(")  # the generated module's `environment`
        if finalize.src is not None:
            self.write(finalize.src)


# Callables whose `__call__` cannot carry Jinja2's pass-argument mark: only the callable itself
# can (a `pass_context` function, a method of one).
_PLAIN_CALLABLES = frozenset({FunctionType, MethodType, BuiltinFunctionType})


class PublicContext(Context):
    """A template context whose `call()` calls a plain function or method straight away.

    A template calls through `context.call()` (links, dates, the tag functions: a hundred
    and fifty times on a cold article page), which asks each callable and its `__call__`
    whether it wants the context, the evaluation context or the environment first: four
    Python calls before the call. For a function or a method, only the callable itself can
    carry that mark, so one `hasattr()` answers; anything else (a macro, a callable object)
    goes through Jinja2's own `call()`."""

    def call(__self, __obj, *args, **kwargs):
        if type(__obj) not in _PLAIN_CALLABLES or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja2's call(): a callable's StopIteration is undefined
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


class PublicEnvironment(Environment):
    code_generator_class = PublicCodeGenerator
    context_class = PublicContext
    escape_output = staticmethod(escape_output)

    def make_globals(self, d):
        """A template's globals as one plain dict rather than Jinja2's `ChainMap` over the
        environment's: every render copies them into its new context, and copying the
        `ChainMap` looked each of the fifty names up through both maps (75 renders on an
        uncached list page). The environment's globals are complete before any template is
        loaded (`environment()`), so the copy holds the same; as Jinja2 itself warns, they
        must not change afterwards."""
        return {**self.globals, **(d or {})}


def environment(**options) -> Environment:
    """The Jinja2 environment of settings.TEMPLATES."""
    options.pop("autoescape", None)  # always on
    env = PublicEnvironment(autoescape=True, **options)
    env.template_class = PageTemplate
    env.globals.update(GLOBALS)
    env.filters.update(FILTERS)
    return env
