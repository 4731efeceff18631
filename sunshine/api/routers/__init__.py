"""The API's routers, one module each. To add a module's endpoints: write
`sunshine/api/routers/<module>.py` with `router = Router(tags=[...])` whose views call that
module's selectors/services only, then add one line here. Token-protected routers pass
`auth=staff_token` (sunshine.api.auth) to Router(...)."""

from . import (
    agencies,
    briefings,
    catalog,
    clocks,
    consultations,
    duban,
    foi,
    foi_answers,
    foi_releases,
    gazette,
    interpretations,
    me,
    meetings,
    messages,
    messagetopics,
    opinion,
    ratings,
    records,
    search,
    servicehall,
    supervision,
    workdays,
)

ROUTERS = [
    ("/agencies", agencies.router),
    ("/me", me.router),
    ("/clocks", clocks.router),
    ("/workdays", workdays.router),
    ("/interpretations", interpretations.router),
    ("/records", records.router),
    ("/search", search.router),
    ("/gazette", gazette.router),
    ("/catalog", catalog.router),
    ("/consultations", consultations.router),
    ("/meetings", meetings.router),
    ("/messages", messages.router),
    ("/messagetopics", messagetopics.router),
    ("/opinion", opinion.router),
    ("/briefings", briefings.router),
    ("/ratings", ratings.router),
    ("/oversight", duban.router),
    ("/services", servicehall.router),
    ("/supervision", supervision.router),
    ("/foi", foi.router),
    ("/foi/answers", foi_answers.router),
    ("/foi", foi_releases.router),
]
