import json

import pytest

from credibility.quality.evaluation.labelled_articles import labelled_articles, read_jsonl


def test_only_the_wanted_articles_are_read_and_a_missing_one_is_refused(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": i}) + "\n" for i in ("a", "b", "c")) + "\n", encoding="utf-8")
    assert len(read_jsonl(path)) == 3
    assert set(labelled_articles(path, ["a", "c"])) == {"a", "c"}
    with pytest.raises(ValueError, match="1 labelled articles are not in"):
        labelled_articles(path, ["a", "z"])
