"""The one failure type the worker reports (Django-free): a code and its parameters. The
parent turns it into a translated message (safe_extract.messages)."""


class Failure(Exception):
    """code: "too_large" (params["reason"] says which limit), "too_many_rows", "damaged",
    "encrypted", "unsupported", "crashed"; detail: the library's own words (for the log and
    for "damaged" messages)."""

    def __init__(self, code: str, detail: str = "", **params):
        super().__init__(code, detail)
        self.code, self.detail, self.params = code, detail, params

    def as_json(self) -> dict:
        return {"code": self.code, "detail": self.detail, "params": self.params}
