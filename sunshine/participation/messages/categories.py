"""The first-level categories (一级分类) of citizen messages: the 15 classes of the taidi2020
taxonomy (附件1). The classifier knows the 7 of the labelled sample; staff may pick any."""

CATEGORIES = [
    "城乡建设",
    "党务政务",
    "国土资源",
    "环境保护",
    "纪检监察",
    "交通运输",
    "经济管理",
    "科技与信息产业",
    "民政",
    "农村农业",
    "商贸旅游",
    "卫生计生",
    "政法",
    "教育文体",
    "劳动和社会保障",
]
