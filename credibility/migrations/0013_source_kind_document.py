"""The ``document`` Source kind: a report, study, poll or ruling with a name of its own.

Reversible: going back, document sources become organisations (the old kinds' nearest), so the
old check constraint holds again.
"""

from django.db import migrations, models


def documents_to_organizations(apps, schema_editor):
    apps.get_model("credibility", "Source").objects.filter(kind="document").update(kind="organization")


class Migration(migrations.Migration):
    dependencies = [
        ("credibility", "0012_vague_sources_to_annotation_labels"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="source",
            name="source_kind_valid",
        ),
        # Forward nothing to do; backward it runs after the kinds are altered back and before the
        # old constraint returns.
        migrations.RunPython(migrations.RunPython.noop, documents_to_organizations),
        migrations.AlterField(
            model_name="historicalsource",
            name="kind",
            field=models.CharField(
                choices=[
                    ("person", "Person"),
                    ("organization", "Organization"),
                    ("outlet", "Outlet"),
                    ("government_body", "Government body"),
                    ("document", "Document or data (report, study, poll, ruling)"),
                    ("vague", "Vague (unnamed) source"),
                ],
                default="person",
                max_length=32,
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="kind",
            field=models.CharField(
                choices=[
                    ("person", "Person"),
                    ("organization", "Organization"),
                    ("outlet", "Outlet"),
                    ("government_body", "Government body"),
                    ("document", "Document or data (report, study, poll, ruling)"),
                    ("vague", "Vague (unnamed) source"),
                ],
                default="person",
                max_length=32,
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("kind__in", ["person", "organization", "outlet", "government_body", "document", "vague"])
                ),
                name="source_kind_valid",
            ),
        ),
    ]
