"""Phase pages and dashboard panels of the situation analysis (being written)."""


def register() -> None:
    pass
