"""Which WordPress categories become sections and which become tags: the editor decides.

WordPress sites collect categories: one export had 68, 63 of them without a post, and all of
them became sections, filling the navigation. By default a category becomes a section only when
a post uses it (a section with no story is an empty page), and a post's further categories are
not copied into its tags. `--category-map FILE` (JSON, `{"nicename": "section" | "tag" |
"drop"}`) says otherwise per category; `--categories-as-tags` copies the further categories
into tags as before.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("section", "tag", "drop")


class CategoryMapError(ValueError):
    """The category map cannot be used; the message says why and how to fix it."""


@dataclass(frozen=True)
class Taxonomy:
    category_roles: dict[str, str] = field(default_factory=dict)  # nicename → role
    categories_as_tags: bool = False

    def role(self, nicename: str) -> str:
        return self.category_roles.get(nicename, "section")

    def fingerprint(self) -> list:
        """What a re-run compares: a changed map refreshes the posts it imported."""
        return [sorted(self.category_roles.items()), self.categories_as_tags]


def read_category_map(path: Path) -> dict[str, str]:
    """The roles in a JSON category map, checked (raises `CategoryMapError`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CategoryMapError(f"cannot read {path}: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CategoryMapError(f"{path} is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise CategoryMapError(
            f'{path} must hold one JSON object, e.g. {{"news": "section", "misc": "tag"}}'
        )
    wrong = {key: value for key, value in data.items() if value not in ROLES}
    if wrong:
        key, value = next(iter(wrong.items()))
        raise CategoryMapError(
            f"{path}: category {key!r} is mapped to {value!r}; use one of: {', '.join(ROLES)}"
        )
    return {str(key): value for key, value in data.items()}
