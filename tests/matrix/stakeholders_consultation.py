"""Permission-matrix rows of the stakeholders app's consultation area (being written)."""

MATRIX: dict = {}


def objects(cast) -> dict[str, dict]:
    return {}
