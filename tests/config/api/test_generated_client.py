"""A Python client generated from the live schema (openapi-python-client) imports and works.

The test fetches ``/api/v1/schema/`` from a live server, generates a client into a temporary
folder (the CLI from this virtualenv, as a user would run it), imports every module, and runs a
short newsroom scenario through the generated code only: get a token, list articles, create an
article, annotate it, review the annotation, export the article. Any schema construct the
generator cannot turn into working code (two bodies of one shape, a nullable it misreads, a
response type that does not match) fails here.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.annotations.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

GENERATOR = Path(sys.executable).parent / "openapi-python-client"
PACKAGE = "credibility_generated_client"
PASSWORD = "correct-horse-battery"  # UserFactory's
BODY = "The mayor said taxes will fall. Crime rose 40% last year, experts say."


@pytest.fixture
def generated_client(live_server, tmp_path: Path) -> Iterator[ModuleType]:
    """The generated package, importable as ``PACKAGE`` for the duration of the test."""
    with urllib.request.urlopen(f"{live_server.url}/api/v1/schema/?format=json", timeout=30) as answer:
        schema = json.load(answer)
    (tmp_path / "openapi.json").write_text(json.dumps(schema))
    # No ruff post-hooks: formatting the generated code is not what is tested, and costs seconds.
    (tmp_path / "generator.json").write_text(json.dumps({"post_hooks": [], "package_name_override": PACKAGE}))
    run = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(tmp_path / "openapi.json"),
            "--config",
            str(tmp_path / "generator.json"),
            "--output-path",
            str(tmp_path / "client"),
            "--meta",
            "none",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    # The generator skips what it cannot handle with a warning; a client with gaps is a failure.
    assert "Warning" not in output, output
    (tmp_path / "client").rename(tmp_path / PACKAGE)
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name == PACKAGE or name.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def _import_every_module(package: ModuleType) -> tuple[int, dict[str, str]]:
    imported, failures = 0, {}
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        try:
            importlib.import_module(module.name)
            imported += 1
        except Exception as error:  # noqa: BLE001 - every failure is reported, not just the first
            failures[module.name] = f"{type(error).__name__}: {error}"
    return imported, failures


def _module(name: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.{name}")


def test_generated_client_imports_and_runs_the_review_scenario(generated_client, live_server):
    # Every generated client is closed at the end: an open keep-alive connection keeps a server thread,
    # and its database session, alive past the test.
    with ExitStack() as clients:
        _review_scenario(generated_client, live_server, clients)


def _review_scenario(generated_client: ModuleType, live_server: Any, clients: ExitStack) -> None:
    imported, failures = _import_every_module(generated_client)
    assert failures == {}
    assert imported > 150  # every operation and model, not an empty package

    UserFactory(username="gen-annotator", roles=["annotator"])
    UserFactory(username="gen-reviewer", roles=["reviewer"])
    client_module = _module("client")
    models = _module("models")
    api = "api"

    def token_for(username: str) -> str:
        anonymous = clients.enter_context(
            client_module.Client(base_url=live_server.url, raise_on_unexpected_status=True)
        )
        answer = _module(f"{api}.auth.auth_token_create").sync(
            client=anonymous, body=models.AuthTokenRequest(username=username, password=PASSWORD)
        )
        return answer.token

    def authenticated(username: str) -> Any:
        return clients.enter_context(
            client_module.AuthenticatedClient(
                base_url=live_server.url, token=token_for(username), prefix="Token", raise_on_unexpected_status=True
            )
        )

    annotator, reviewer = authenticated("gen-annotator"), authenticated("gen-reviewer")

    listed = _module(f"{api}.articles.articles_list").sync(client=annotator)
    assert listed.count == 0 and listed.results == []

    created = _module(f"{api}.articles.articles_create").sync_detailed(
        client=annotator, body=models.ArticleCreateRequest(title="Budget", body=BODY)
    )
    assert created.status_code == 201, created.content
    article = created.parsed
    assert isinstance(article, models.ArticleDetail) and article.body == BODY
    assert _module(f"{api}.articles.articles_list").sync(client=annotator).count == 1

    # A refused write comes back as the documented Error model, with the field's messages.
    annotations_create = _module(f"{api}.annotations.annotations_create")
    refused = annotations_create.sync_detailed(
        client=annotator,
        body=models.AnnotationCreateRequest(
            article=article.id, kind=models.AnnotationKindEnum.NOTE, start=4, end=9, quote="wrong"
        ),
    )
    assert refused.status_code == 400 and isinstance(refused.parsed, models.Error), refused.content
    assert "quote" in refused.parsed.additional_properties or refused.parsed.non_field_errors

    start = BODY.index("Crime")
    end = BODY.index(" experts") - 1
    annotation = annotations_create.sync(
        client=annotator,
        body=models.AnnotationCreateRequest(
            article=article.id,
            kind=models.AnnotationKindEnum.UNVERIFIED_CLAIM,
            start=start,
            end=end,
            quote=BODY[start:end],
            reason=models.ReasonEnum.UNSOURCED,
            comment="Which figures?",
        ),
    )
    assert isinstance(annotation, models.Annotation) and annotation.status == models.ReviewStatusEnum.OPEN
    assert annotation.source is None  # a nullable nested object, read back as None

    reviewed = _module(f"{api}.annotations.annotations_review_create").sync(
        annotation.id,
        client=reviewer,
        body=models.ReviewRequestRequest(
            decision=models.DecisionEnum.CONFIRM, version=annotation.version, note="No source given."
        ),
    )
    assert isinstance(reviewed, models.Annotation)
    assert reviewed.status == models.ReviewStatusEnum.CONFIRMED and reviewed.review_note == "No source given."

    exported = _module(f"{api}.articles.articles_export_retrieve").sync(
        article.id, client=reviewer, format_=models.ArticlesExportRetrieveFormat.W3C
    )
    assert isinstance(exported, models.W3CAnnotationCollection), exported
    items = exported.first.additional_properties.get("items") or exported.first.items
    ours = [item for item in items if item["id"].endswith(f"/annotations/{annotation.id}")]
    assert len(ours) == 1
    # Our own fields are members named by the export's extension context.
    assert ours[0]["status"] == "confirmed" and ours[0]["review_note"] == "No source given."
