"""Permission-matrix rows of the stakeholders app's setup area (being written)."""

MATRIX: dict = {}


def objects(cast) -> dict[str, dict]:
    return {}
