"""The limits of a 网民留言 that shells show and check; shells import these, never `models`."""

SUBJECT_MAX = 100
BODY_MAX = 5000
