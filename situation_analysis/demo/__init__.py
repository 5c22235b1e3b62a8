"""The demo country's situation analysis (checklists, sources, series, answers, findings), for the core's loaders."""

from mainstreaming.loaders import register_demo_loader
from situation_analysis.demo import records


def register() -> None:
    register_demo_loader(records.load_demo_situation_analysis)
