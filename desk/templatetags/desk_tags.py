"""The dashboard on the admin home page and the notification count in the admin header."""

from django import template

from desk import dashboard, notifications

register = template.Library()


@register.inclusion_tag("desk/dashboard.html", takes_context=True)
def desk_dashboard(context):
    return {"board": dashboard.build(context["request"].user), "request": context["request"]}


@register.inclusion_tag("desk/header_links.html", takes_context=True)
def desk_header_links(context):
    user = context["request"].user
    return {"unread": notifications.unread_count(user) if user.is_authenticated else 0}


@register.filter
def desk_duration(value) -> str:
    """A waiting time as editors say it: "3 h 20 min", "2 days 4 h"."""
    minutes = int(value.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} day{'s' if days != 1 else ''} {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"
