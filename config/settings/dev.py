"""Settings for `make run` on a laptop: debug on, SQLite by default, emails to the console."""

from .base import *

DEBUG = env_bool("DEBUG", True)
# A fixed development key would be a footgun in production; this one is only
# ever used by the dev settings.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"

# The demo's data key lives in var/ (made by `make run`, readable by its owner only).
if not HEARTH_DATA_KEYS and HEARTH_DATA_KEYS_FILE is None:
    HEARTH_DATA_KEYS_FILE = VAR_DIR / "data-keys"
    HEARTH_DATA_KEYS = read_keys(path=HEARTH_DATA_KEYS_FILE)
