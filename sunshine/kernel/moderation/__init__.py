"""Moderation checks shared by every form where the public writes text (征求意见 comments,
网民留言, 列席 applications ...): sensitive words, spam, markup in plain-text fields.

Pure Python, no model: the word list is a shipped file plus settings (see checks.py).
"""
