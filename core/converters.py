"""URL converters for values that must fit the database.

`<int:pk>` accepts any number of digits, and a number past 2**63 - 1 (`9223372036854775808`)
then fails inside the query (SQLite: OverflowError, a 500). `<id:pk>` takes at most 18 digits,
so such an address is a 404 before any view runs.
"""


class DatabaseIdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
