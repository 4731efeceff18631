"""JSON that keeps Chinese readable: UTF-8 bytes, not \\u escapes (ninja escapes by default)."""

from ninja.renderers import JSONRenderer


class UnicodeJSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}
