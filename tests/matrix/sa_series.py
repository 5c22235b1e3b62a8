"""
Permission-matrix rows of the situation analysis: the migration-profile data series, their values, imports and
the data gaps.

Every internal reader reads the series, their history and the data gaps (development partners get 403); only the
NFP records, edits, deletes, imports and adds values. POST rows carry valid data, so that the NFP's row shows the
success path (302).
"""

from situation_analysis.services import series as services
from tests.matrix import RepeatableUpload, Row, internal, nfp_only


def objects(cast) -> dict[str, dict]:
    series = services.series_create(
        actor=cast.nfp,
        process=cast.process,
        title="SAS matrix: health workers leaving",
        topic="health",
        unit="persons",
        dimensions=["sex"],
    )
    observation = services.observation_create(
        actor=cast.nfp, series=series, period="2020", value="310", breakdown={"sex": "female"}
    )
    process = {"process_pk": cast.process.pk}
    series_kwargs = process | {"pk": series.pk}
    return {
        "sas_process": process,
        "sas_series": series_kwargs,
        "sas_observation": series_kwargs | {"observation_pk": observation.pk},
    }


SERIES = {"title": "SAS matrix: remittance inflows", "topic": "remittances", "unit": "USD million"}
IMPORT = RepeatableUpload("values.csv", b"period,value,sex,note\n2021,355,female,\n2021,110,male,provisional\n")
# A file of many series: the POST previews it (200), nothing is saved; Apply is tested in test_series_import.py.
FILE_IMPORT = RepeatableUpload(
    "series.csv", b"series_code,series_name,unit,period,sex,value\nSM.POP.TOTL,Migrant stock,persons,2020,F,10\n"
)

MATRIX: dict[str, list[Row]] = {
    "situation_analysis:series_list": [Row("sas_process", internal(), internal(405))],
    "situation_analysis:series_create": [Row("sas_process", nfp_only(), nfp_only(302), dict(SERIES))],
    "situation_analysis:series_file_import": [
        Row("sas_process", nfp_only(), nfp_only(200), {"file": FILE_IMPORT, "decimal_separator": "."})
    ],
    "situation_analysis:series_detail": [Row("sas_series", internal(), internal(405))],
    "situation_analysis:series_edit": [
        Row(
            "sas_series",
            nfp_only(),
            nfp_only(302),
            {"title": "SAS matrix: health workers", "topic": "health", "unit": "persons", "dimensions": ["sex"]},
        )
    ],
    "situation_analysis:series_delete": [
        Row("sas_series", nfp_only(), nfp_only(302), {"reason": "SAS matrix: recorded twice"})
    ],
    "situation_analysis:series_history": [Row("sas_series", internal(), internal(405))],
    "situation_analysis:series_import": [Row("sas_series", nfp_only(), nfp_only(302), {"file": IMPORT})],
    "situation_analysis:series_import_template": [Row("sas_series", nfp_only(), nfp_only(405))],
    "situation_analysis:observation_create": [
        Row("sas_series", nfp_only(), nfp_only(302), {"period": "2022", "value": "420", "breakdown_sex": "female"})
    ],
    "situation_analysis:observation_edit": [
        Row(
            "sas_observation",
            nfp_only(),
            nfp_only(302),
            {"period": "2020", "value": "312", "breakdown_sex": "female", "reason": "SAS matrix: revised"},
        )
    ],
    "situation_analysis:observation_delete": [
        Row("sas_observation", nfp_only(), nfp_only(302), {"reason": "SAS matrix: entered by mistake"})
    ],
    "situation_analysis:data_gap_list": [Row("sas_process", internal(), internal(405))],
}
