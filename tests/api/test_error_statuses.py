"""Each base of the library's error tree answers one HTTP status, in the one error shape."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.errors import install_error_handlers
from kb.errors import (
    ArticleNotFound,
    DatabaseUnavailable,
    InvalidQuery,
    KBError,
    MessageCatalogMissing,
    SchemaBehind,
    UnsafeTemplate,
)
from tests.support.error_shape import assert_error


def raising(error: Exception) -> TestClient:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/boom")
    def boom() -> None:
        raise error

    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (InvalidQuery("text is empty; paste the ticket's text"), 422, "invalid_request"),
        (ArticleNotFound("no article with id 'x'"), 404, "not_found"),
        (DatabaseUnavailable("cannot use the database"), 503, "unavailable"),
        (SchemaBehind("run `kb db upgrade`"), 503, "unavailable"),
    ],
    ids=["invalid-input", "not-found", "unavailable", "schema-behind"],
)
def test_a_library_error_answers_the_status_of_its_base(
    error: KBError, status: int, code: str
) -> None:
    body = assert_error(raising(error).get("/boom"), status, code)

    assert body["message"] == str(error)


@pytest.mark.parametrize(
    "error",
    [
        MessageCatalogMissing(Path("/srv/kb/locales/zh_Hans/LC_MESSAGES/kb.mo"), "No such file"),
        UnsafeTemplate("line 1: reply-unsafe: not allowed in a reply: function calls"),
    ],
    ids=["catalog-missing", "unsafe-template"],
)
def test_a_misconfiguration_is_a_500_whose_details_stay_in_the_log(
    error: KBError, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="api.errors"):
        body = assert_error(raising(error).get("/boom"), 500, "misconfigured")

    assert body["message"] == "the service is misconfigured; the details are in its log"
    assert str(error) in caplog.text


def test_an_error_outside_the_tree_is_an_internal_error() -> None:
    body = assert_error(raising(RuntimeError("/srv/secret/path")).get("/boom"), 500, "internal")

    assert "/srv/secret" not in str(body)
