"""数据开放: the government data resource catalog, conditional access, CKAN Action API, DCAT-AP."""
