"""The CKAN-compatible Action API of 数据开放 (/api/3/action/ and /api/action/)."""
