"""Every existing article gets the revision row for its current text (number = its revision counter).

Older bodies were never stored, so there is nothing earlier to backfill; new edits store one each.
"""

import hashlib

from django.db import migrations


def backfill(apps, schema_editor):
    Article = apps.get_model("annotations", "Article")
    ArticleRevision = apps.get_model("annotations", "ArticleRevision")
    have = set(ArticleRevision.objects.values_list("article_id", "number"))
    rows = [
        ArticleRevision(
            article_id=article.pk,
            number=article.revision,
            title=article.title,
            body=article.body,
            sha256=hashlib.sha256(article.body.encode("utf-8", "surrogatepass")).hexdigest(),
            author_id=article.created_by_id,
        )
        for article in Article.objects.only("pk", "revision", "title", "body", "created_by_id").iterator(chunk_size=500)
        if (article.pk, article.revision) not in have
    ]
    ArticleRevision.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("annotations", "0005_revisions_anchor_state_history")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
