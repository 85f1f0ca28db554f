"""Seal every stored body that today's sanitizing rules leave unchanged (core.sanitize.seal).

A save seals its body. Run this after an upgrade that adds the seals, after a change of the
rules (any change to `core/sanitize.py`, `core/text.py` or `core/embeds.py`), of SECRET_KEY
or of the media, static or site URL, and after bulk writes that skip the model
(`QuerySet.update`, a restored dump): until then, those bodies are
cleaned on every view, which costs a long article about 2 ms of CPU. A body that today's rules
would change is left unsealed and counted: readers get its cleaned form either way, and opening
and saving it stores that form. A body saved while the command runs may be left unsealed (the
command writes the seal of the body it read): readers get it cleaned; run it again.
"""

import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from core.sanitize import SanitizedHTMLField, is_sealed, seal


def sealed_fields():
    """(model, body field) of every body stored with a seal."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, SanitizedHTMLField) and field.seal_field:
                yield model, field


class Command(BaseCommand):
    help = "Store the sanitizing seal of every stored body that today's rules leave unchanged."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per UPDATE.")

    def handle(self, *args, batch_size: int, **options) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        started = time.monotonic()
        totals = {"sealed": 0, "kept": 0, "changed": 0}
        for model, field in sealed_fields():
            label = model._meta.verbose_name_plural
            rows = model._base_manager.order_by("pk").only("pk", field.attname, field.seal_field)
            total = rows.count()
            self.stdout.write(f"{label}: {total} bodies...")
            counts = {"sealed": 0, "kept": 0, "changed": 0}
            batch = []
            for done, row in enumerate(rows.iterator(chunk_size=batch_size), 1):
                body, mark = getattr(row, field.attname), getattr(row, field.seal_field)
                if is_sealed(body, mark):
                    counts["kept"] += 1
                elif new_mark := seal(body):
                    setattr(row, field.seal_field, new_mark)
                    batch.append(row)
                    counts["sealed"] += 1
                else:
                    counts["changed"] += 1
                if len(batch) >= batch_size:
                    model._base_manager.bulk_update(batch, [field.seal_field])
                    batch = []
                if done % (batch_size * 10) == 0:
                    self.stdout.write(f"  {done}/{total}")
            if batch:
                model._base_manager.bulk_update(batch, [field.seal_field])
            self.stdout.write(
                f"  {counts['sealed']} sealed, {counts['kept']} already sealed, "
                f"{counts['changed']} that today's rules change"
            )
            for key, value in counts.items():
                totals[key] += value
        note = (
            f" {totals['changed']} bodies stay unsealed: today's rules change them, so readers "
            "get them cleaned on every view; open and save them to store the cleaned form."
            if totals["changed"]
            else ""
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {totals['sealed']} bodies sealed, {totals['kept']} already sealed, in "
                f"{time.monotonic() - started:.1f} s.{note}"
            )
        )
