"""The webhook that kernel/notify POSTs to subscribed systems, documented in the OpenAPI
document: the component `WebhookEvent` (the JSON body built by `notify.publish.webhook_payload`)
and, as OpenAPI 3.1 allows, a top-level `webhooks.publication` entry with its headers and the
answers the sender understands. A test keeps the schema and the payload in step."""

from ninja import Schema
from pydantic import Field


class WebhookEvent(Schema):
    id: str = Field(description="幂等键，与请求头 Idempotency-Key 相同；重试和重发时不变")
    type: str = Field(description="事件类型，目前为 publication（新发布的信息）")
    subscription: int = Field(description="订阅编号")
    topic: str = Field(description="命中的订阅主题，如 column.zcwj、agency.12、record.345")
    item: str = Field(description="信息标识 <类型>.<编号>，如 record.345")
    version: str = Field(description="版本（修订、开放数据新版本等）；首次发布可为空")
    title: str
    summary: str
    url: str = Field(description="信息页面的绝对地址")
    topics: list[str] = Field(description="该信息所属的全部主题")
    published_at: str = Field(description="发布时间，ISO 8601，UTC")


HEADERS = [
    {
        "name": "X-Sunshine-Signature",
        "in": "header",
        "required": True,
        "description": 't=<unix 时间戳>,v1=<HMAC-SHA256(密钥, "<t>.<请求体>") 的十六进制>；'
        "接收方应重新计算并拒绝 5 分钟以前的时间戳",
        "schema": {"type": "string"},
    },
    {
        "name": "Idempotency-Key",
        "in": "header",
        "required": True,
        "description": "同一投递的每次重试相同，接收方据此去重",
        "schema": {"type": "string"},
    },
    {"name": "X-Sunshine-Event", "in": "header", "schema": {"type": "string"}},
]


def document(schema: dict) -> dict:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["WebhookEvent"] = WebhookEvent.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    schema.setdefault("webhooks", {})["publication"] = {
        "post": {
            "summary": "新发布信息推送（订阅与推送）",
            "description": "2xx 表示收到；其他状态码或超时按指数退避重试，多次失败后进入死信列表。",
            "parameters": HEADERS,
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/WebhookEvent"}}
                },
            },
            "responses": {"2XX": {"description": "已收到"}},
        }
    }
    return schema
