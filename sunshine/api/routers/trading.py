"""公共资源交易 API."""

from ninja import Router

router = Router(tags=["trading"])
