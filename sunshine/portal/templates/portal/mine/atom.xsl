<?xml version="1.0" encoding="utf-8"?>{% load i18n static %}
{% comment %}The browser view of every Atom feed of the portal (feeds.py adds the xml-stylesheet
instruction that names this file): the feed as a readable page, with what a feed is and a link
to 订阅. Feed readers ignore it. XSLT 1.0, the version browsers run.{% endcomment %}
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:a="http://www.w3.org/2005/Atom" exclude-result-prefixes="a">
<xsl:output method="html" encoding="utf-8" indent="no" doctype-system="about:legacy-compat"/>
<xsl:template match="/a:feed">
<html lang="zh-Hans">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<title><xsl:value-of select="a:title"/></title>
<link rel="stylesheet" href="{% static 'css/sunshine.css' %}"/>
<link rel="stylesheet" href="{% static 'css/mine.css' %}"/>
</head>
<body class="portal">
<main id="main" class="wrap main">
<section class="card feed-preview" aria-labelledby="feed-about">
<h2 id="feed-about">{% translate "这是一个订阅源（Atom）" %}</h2>
<p>{% translate "把本页地址复制到阅读器中，即可自动收到本栏目的更新。下面是栏目最新内容的预览。" %}</p>
<p><a href="{{ subscribe_url }}">{% translate "什么是订阅？全部订阅源与邮件订阅" %}</a> · <a href="{a:link[@rel='alternate']/@href}">{% translate "打开栏目页面" %}</a></p>
</section>
<h1><xsl:value-of select="a:title"/></h1>
<xsl:if test="a:subtitle"><p class="muted"><xsl:value-of select="a:subtitle"/></p></xsl:if>
<p class="muted">{% translate "更新时间" %}：<xsl:value-of select="substring(a:updated, 1, 10)"/></p>
<ul class="mine-list">
<xsl:for-each select="a:entry">
<li class="mine-item">
<div class="mine-item-head"><a class="mine-item-title" href="{a:link[@rel='alternate']/@href}"><xsl:value-of select="a:title"/></a>
<span class="mine-item-meta"><xsl:value-of select="substring(a:published | a:updated[not(../a:published)], 1, 10)"/></span></div>
<p><xsl:value-of select="a:summary"/></p>
</li>
</xsl:for-each>
</ul>
<xsl:if test="not(a:entry)"><p class="empty">{% translate "本栏目暂无内容。" %}</p></xsl:if>
</main>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
