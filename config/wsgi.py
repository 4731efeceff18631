import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
application = get_wsgi_application()

# Load the Chinese segmenter (about 0.5 s) at start-up, not in the first search request.
from sunshine.kernel.search.segment import warm_up  # noqa: E402

warm_up()
