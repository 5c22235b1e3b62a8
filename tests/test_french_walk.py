"""
A French user walks the site and meets no English: every page the NFP opens and every action the NFP takes (the
permission matrix's URLs, filled by its objects) answers in French, and the messages the actions leave say what
the French catalogue says, looked up when they are shown, not when the code was imported.

The English we look for is the project's own: every message of the French catalogue whose French differs from its
English. A message evaluated too early (gettext at import time instead of gettext_lazy) shows that English to a
French user even though the catalogue translates it.
"""

import gettext as gettext_module

from django.conf import settings
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import escape

from tests.cast import make_cast
from tests.test_permission_matrix import MATRIX, ROW_MODULES

CATALOGUE = settings.BASE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.mo"
# Shorter messages ("Draft", "Health") may well appear in English test data; these cannot.
LONGEST_ENGLISH_WORTH_IGNORING = 30


def translated_messages() -> dict[str, str]:
    """English -> French of every message the project's French catalogue translates differently."""
    with open(CATALOGUE, "rb") as stream:
        catalogue = gettext_module.GNUTranslations(stream)._catalog
    return {
        english: french
        for english, french in catalogue.items()
        if isinstance(english, str) and english and "\x04" not in english and french != english
    }


def views_by_name(patterns=None, namespace=None):
    """(URL name, view) of every URL of the site, named as the permission matrix names them."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            yield from views_by_name(
                pattern.url_patterns, f"{namespace}:{inner}" if namespace and inner else inner or namespace
            )
        elif isinstance(pattern, URLPattern) and not (namespace or "").startswith("admin"):
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern.callback


def class_success_messages() -> dict[str, object]:
    """URL name -> the success_message its view class declares (class-level, so evaluated at import)."""
    messages = {}
    for name, view in views_by_name():
        for klass in getattr(getattr(view, "view_class", None), "__mro__", ()):
            if vars(klass).get("success_message"):
                messages[name] = vars(klass)["success_message"]
                break
    return messages


class SuccessMessageTests(TestCase):
    def test_every_class_level_success_message_is_looked_up_when_shown(self):
        eager = sorted(name for name, message in class_success_messages().items() if not isinstance(message, Promise))
        self.assertEqual(eager, [], "success_message must be gettext_lazy(...): gettext runs once, in English")

    def test_the_french_catalogue_translates_every_success_message(self):
        french = translated_messages()
        with translation.override(settings.LANGUAGE_CODE):
            english = {name: str(message) for name, message in class_success_messages().items()}
        self.assertGreater(len(english), 50)
        self.assertEqual(sorted(name for name, message in english.items() if message not in french), [])


class FrenchWalkTests(TestCase):
    """The NFP, speaking French, opens every page and takes every action of the permission matrix."""

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.kwargs = {}
        for module in ROW_MODULES:
            cls.kwargs.update(module.objects(cls.cast))
        cls.french = translated_messages()
        cls.english = sorted(
            (english for english in cls.french if len(english) > LONGEST_ENGLISH_WORTH_IGNORING and "%" not in english),
            key=len,
            reverse=True,
        )

    def log_in(self):
        # Again before each request: an action may have logged the NFP out (logout, a new password).
        self.client.force_login(self.cast.nfp)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    def rows(self, method: str, status: int):
        for name, rows in MATRIX.items():
            if name == "admin:*":
                continue
            for row in rows:
                if getattr(row, method)["nfp"] == status:
                    yield name, row, reverse(name, kwargs=self.kwargs[row.kwargs])

    def english_in(self, response) -> list[str]:
        if not response.get("Content-Type", "").startswith("text/html"):
            return []
        html = response.content.decode()
        return [english for english in self.english if english in html or escape(english) in html]

    def test_every_page_the_nfp_opens_is_in_french(self):
        pages = 0
        for name, row, url in self.rows("get", 200):
            with self.subTest(url=name, case=row.label):
                self.log_in()
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                if b"<html" in response.content:  # a whole page, not a fragment polled by htmx
                    self.assertContains(response, '<html lang="fr"')
                    pages += 1
                self.assertEqual(self.english_in(response), [])
        self.assertGreater(pages, 100)

    def test_every_action_of_the_nfp_answers_in_french(self):
        expected_messages = class_success_messages()
        actions = shown = 0
        for name, row, url in self.rows("post", 302):
            with self.subTest(url=name, case=row.label):
                self.log_in()
                # Each action is undone afterwards, so that one cannot change what the next one finds.
                with transaction.atomic():
                    response = self.client.post(url, row.data)
                    self.assertEqual(response.status_code, 302)
                    # What the person reads: the messages as the next page renders them, in French.
                    with translation.override("fr"):
                        messages = [str(message) for message in get_messages(response.wsgi_request)]
                    next_page = self.client.get(response["Location"])
                    english_on_page = self.english_in(next_page)
                    html = next_page.content.decode() if next_page.status_code == 200 else ""
                    transaction.set_rollback(True)
                actions += 1
                self.assertEqual(english_on_page, [])
                self.assertEqual([message for message in messages if message in self.french], [])
                if name in expected_messages:
                    with translation.override("fr"):
                        french = translation.gettext(str(expected_messages[name]))
                    self.assertIn(french, messages)
                    self.assertIn(escape(french), html)
                    shown += 1
        self.assertGreater(actions, 80)
        self.assertGreater(shown, 40)
