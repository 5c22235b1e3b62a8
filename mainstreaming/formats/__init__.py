"""
The project's date and number formats, one module per language (settings.FORMAT_MODULE_PATH).

Each language has one date style, day month year with the month in words ("5 Dec 2026", "5 déc. 2026"), used
for every date on screen, in the PDFs and in messages: no ISO dates and no all-digit dates, which read
differently in English and in French. The separators are Django's own, written out here so the tests and the
code that formats numbers (mainstreaming.l10n) have one place to read them from.
"""
