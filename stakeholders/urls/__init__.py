"""
URLs of the institutional set-up and consultation phases, under /processes/<process_pk>/. One module per area:
setup (preconditions, focal points), committees (committees, meetings, action points), consultation (events,
capacity development, the stakeholder map).
"""

from stakeholders.urls import committees, consultation, setup

app_name = "stakeholders"

urlpatterns = [*setup.urlpatterns, *committees.urlpatterns, *consultation.urlpatterns]
