"""Permission-matrix rows of the stakeholders app's committees area (being written)."""

MATRIX: dict = {}


def objects(cast) -> dict[str, dict]:
    return {}
