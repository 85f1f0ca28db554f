"""The newsroom the desk tests play with: two contributors, an editor, an administrator."""

import pytest

from tests.factories import AuthorFactory, StaffUserFactory


@pytest.fixture
def contributor(db):
    user = StaffUserFactory(role="Contributor", username="connie", first_name="Connie")
    AuthorFactory(name="Connie Writer", slug="connie", user=user)
    return user


@pytest.fixture
def other_contributor(db):
    user = StaffUserFactory(role="Contributor", username="otto")
    AuthorFactory(name="Otto Other", slug="otto", user=user)
    return user


@pytest.fixture
def editor(db):
    return StaffUserFactory(role="Editor", username="eddie", first_name="Eddie")


@pytest.fixture
def administrator(db):
    return StaffUserFactory(role="Administrator", username="ada")


@pytest.fixture
def people(contributor, other_contributor, editor, administrator):
    return {
        "contributor": contributor,
        "other_contributor": other_contributor,
        "editor": editor,
        "administrator": administrator,
    }
