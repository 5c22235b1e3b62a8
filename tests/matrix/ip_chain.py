"""Permission-matrix rows of the implementation plan: chain."""

from tests.matrix import Row


def objects(cast) -> dict[str, dict]:
    return {}


MATRIX: dict[str, list[Row]] = {}
