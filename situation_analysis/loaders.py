"""Reference lists and demo records of the situation analysis (being written)."""


def register() -> None:
    pass
