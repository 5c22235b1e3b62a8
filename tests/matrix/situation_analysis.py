"""Permission-matrix rows of the situation analysis (being written)."""

MATRIX: dict = {}


def objects(cast) -> dict[str, dict]:
    return {}
