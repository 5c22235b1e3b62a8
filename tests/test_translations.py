"""English and French are both complete and compiled; the language switcher changes the interface."""

import gettext
import re

from django.conf import settings
from django.test import TestCase
from django.urls import reverse

from tests.cast import make_cast

CATALOGUE = settings.BASE_DIR / "locale" / "fr" / "LC_MESSAGES"


def po_entries() -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) of every entry of the French catalogue, header excluded."""
    entries = []
    for block in (CATALOGUE / "django.po").read_text(encoding="utf-8").split("\n\n"):
        if "msgid" not in block:
            continue
        msgid = "".join(re.findall(r'^(?:msgid|msgctxt)? ?"(.*)"$', block.split("msgstr")[0], re.M))
        if not msgid:  # the header
            continue
        msgstrs = re.findall(r'msgstr(?:\[\d\])? ((?:".*"\n?)+)', block)
        translated = all("".join(re.findall(r'"(.*)"', text)) for text in msgstrs)
        entries.append((msgid, translated, "#, fuzzy" in block))
    return entries


class CatalogueTests(TestCase):
    def test_every_message_has_a_french_translation(self):
        entries = po_entries()
        self.assertGreater(len(entries), 300)
        untranslated = [msgid for msgid, translated, fuzzy in entries if not translated or fuzzy]
        self.assertEqual(untranslated, [])

    def test_the_compiled_catalogue_is_up_to_date(self):
        with open(CATALOGUE / "django.mo", "rb") as stream:
            compiled = gettext.GNUTranslations(stream)
        self.assertEqual(compiled.gettext("Audit trail"), "Piste d'audit")
        self.assertEqual(compiled.pgettext("history", "changed"), "modifié")


class LanguageSwitcherTests(TestCase):
    def test_switching_to_french_translates_the_dashboard(self):
        cast = make_cast()
        self.client.force_login(cast.nfp)
        url = reverse("mainstreaming:process_dashboard", args=[cast.process.pk])
        response = self.client.post(reverse("set_language"), {"language": "fr", "next": url}, follow=True)
        self.assertContains(response, '<html lang="fr">')
        self.assertContains(response, "Tableau de bord")
        self.assertContains(response, "Analyse de situation")
        self.assertNotContains(response, "Key steps")
