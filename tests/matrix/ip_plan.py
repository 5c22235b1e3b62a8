"""Permission-matrix rows of the implementation plan: plan."""

from tests.matrix import Row


def objects(cast) -> dict[str, dict]:
    return {}


MATRIX: dict[str, list[Row]] = {}
