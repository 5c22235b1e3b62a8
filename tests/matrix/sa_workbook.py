"""Permission-matrix rows of the situation analysis: workbook."""

from tests.matrix import Row


def objects(cast) -> dict[str, dict]:
    return {}


MATRIX: dict[str, list[Row]] = {}
