"""When something fails on our side (the database out of reach included), the visitor gets a
plain page with the crisis lines, made without the database."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import path

from hearth.content.models.safety import CRISIS_LINE


def _fails(request):
    raise RuntimeError("something broke")


urlpatterns = [path("fails/", _fails)]


@pytest.mark.urls(__name__)
def test_an_error_page_says_so_plainly_with_the_crisis_lines_and_no_query(settings):
    settings.DEBUG = False
    with connection.execute_wrapper(_no_queries):
        response = Client(raise_request_exception=False).get("/fails/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "<h1>Something went wrong on our side</h1>" in body
    assert "It is not something you did." in body
    assert (
        '<p class="crisis-line">In danger or crisis? Call <a href="tel:911">911</a>, or call or '
        'text <a href="tel:988">988</a>.</p>'
    ) in body
    assert CRISIS_LINE == "In danger or crisis? Call 911, or call or text 988."


def _no_queries(execute, sql, params, many, context):
    raise AssertionError(f"the error page read the database: {sql}")
