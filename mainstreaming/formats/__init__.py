"""
The project's date and number formats, one module per language (settings.FORMAT_MODULE_PATH).

Each language has one date style, day month year with the month in words ("5 Dec 2026", "5 déc. 2026"), used
for every date on screen, in the PDFs, the charts and the messages: no ISO dates and no all-digit dates, which
read differently in English and in French. A moment adds the time and its zone ("5 Dec 2026, 14:30 UTC"), since
a PDF is read far from the server. Templates get them with `{{ day|date }}` and
`{{ moment|date:"DATETIME_FORMAT" }}`; Python with mainstreaming.l10n.date and date_time. The separators are
Django's own, written out here so that everything that formats numbers (mainstreaming.l10n) reads them from one
place.
"""
