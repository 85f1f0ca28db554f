"""Who may see what on the desk: editors everything; contributors their own work.

A contributor sees an article's desk page (notes, activity) when the admin lets them open the
article, or when they are its assigned writer; a budget line when they write it, edit it or
planned it. Every desk view and every notification goes through these rules.
"""

from django.db.models import Q

from articles.models import Article, Byline
from desk.models import Assignment, BudgetLine
from editorial import workflow


def is_editor(user) -> bool:
    return workflow.is_editor(user)


def articles_for(user):
    """The articles whose desk page `user` may open."""
    if not user.is_active or not user.is_staff:
        return Article.objects.none()
    if user.has_perm(workflow.EDIT_ANY_PERMISSION):
        return Article.objects.all()
    return Article.objects.filter(
        Q(pk__in=Article.objects.editable_by(user).values("pk")) | Q(assignment__writer=user)
    )


def own_articles(user):
    """The articles that are `user`'s work: created, bylined, or assigned to write."""
    bylined = Byline.objects.filter(author__user=user).values("article_id")
    writing = Assignment.objects.filter(writer=user).values("article_id")
    return Article.objects.filter(Q(created_by=user) | Q(pk__in=bylined) | Q(pk__in=writing))


def lines_for(user):
    """The budget lines `user` may see."""
    if not user.is_active or not user.is_staff:
        return BudgetLine.objects.none()
    if is_editor(user):
        return BudgetLine.objects.all()
    return BudgetLine.objects.filter(Q(writer=user) | Q(editor=user) | Q(created_by=user))


def can_see_article(user, article: Article) -> bool:
    return articles_for(user).filter(pk=article.pk).exists()


def can_see_line(user, line: BudgetLine) -> bool:
    return lines_for(user).filter(pk=line.pk).exists()
