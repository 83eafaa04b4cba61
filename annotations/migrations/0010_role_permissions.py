"""Roles mean model permissions (issue 16): the review permissions, and each role group's grants.

annotator: view everything; add/change articles; add/change annotations (own ones: the services
enforce ownership). reviewer: the same plus ``review_annotation``. Nobody gets delete_article,
edit_any_annotation or the source/fact-check writes by role: those are granted per user (or to
superusers, who hold every permission).
"""

from django.db import migrations

VIEW = [
    ("annotations", "view_article"),
    ("annotations", "view_annotation"),
    ("annotations", "view_articlerevision"),
    ("annotations", "view_reviewlog"),
    ("credibility", "view_source"),
    ("credibility", "view_factcheck"),
    ("credibility", "view_analysisrun"),
]
ANNOTATOR = [
    *VIEW,
    ("annotations", "add_article"),
    ("annotations", "change_article"),
    ("annotations", "add_annotation"),
    ("annotations", "change_annotation"),
]
GRANTS = {"annotator": ANNOTATOR, "reviewer": [*ANNOTATOR, ("annotations", "review_annotation")]}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0009_fewer_annotation_write_indexes"),
        ("credibility", "0007_article_statement_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.AlterModelOptions(
            name="annotation",
            options={
                "ordering": ["article_id", "start", "end", "id"],
                "permissions": [
                    ("review_annotation", "Can review annotations (confirm, dismiss, resolve, reopen)"),
                    ("edit_any_annotation", "Can edit, re-attach and delete anyone's annotation"),
                ],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
