"""The readers' search page."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.views import PAGE_SIZE
from search.engine import RESULT_LIMIT, highlight, search_articles, suggest
from search.forms import SearchForm
from search.query import SearchTooSlow


def search(request: HttpRequest) -> HttpResponse:
    """Reader search: 200 with results or a message; 400 when the form itself is invalid."""
    form = SearchForm(request.GET or None)
    context = {"form": form, "query": ""}
    if not form.is_bound:
        return render(request, "articles/search.html", context)
    if not form.is_valid():
        return render(request, "articles/search.html", context, status=400)
    query = form.cleaned_data["q"]
    context["query"] = query
    if not query:
        return render(request, "articles/search.html", context)
    try:
        results = search_articles(query, form.filters())
    except SearchTooSlow:
        context["too_slow"] = True
        return render(request, "articles/search.html", context)
    paginator = Paginator(results, PAGE_SIZE)
    number = form.cleaned_data["page"] or 1
    context.update(paginator=paginator, requested_page=number, result_limit=RESULT_LIMIT)
    if paginator.count == 0:
        context["suggestion"] = suggest(query)
    elif number <= paginator.num_pages:
        page = paginator.page(number)
        articles = list(page.object_list)
        highlight(articles, query)
        context.update(page_obj=page, articles=articles)
    return render(request, "articles/search.html", context)
