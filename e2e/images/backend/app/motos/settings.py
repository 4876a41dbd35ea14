# Stand-in motos backend: just enough Django to prove that the database and the media volume
# are reached and survive. Configuration comes from the chart's environment (DB_*).
import os

SECRET_KEY = "stand-in-backend-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["visits"]
MIDDLEWARE = []
ROOT_URLCONF = "motos.urls"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ["DB_HOST"],
        "PORT": os.environ.get("DB_PORT", "5432"),
        "NAME": os.environ["DB_NAME"],
        "USER": os.environ["DB_USER"],
        "PASSWORD": os.environ["DB_PASSWORD"],
        "CONN_MAX_AGE": 0,
    }
}
MEDIA_ROOT = "/app/media"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
APP_VERSION = os.environ.get("APP_VERSION", "unknown")
LOGGING = {"version": 1, "handlers": {"console": {"class": "logging.StreamHandler"}},
           "root": {"handlers": ["console"], "level": "INFO"}}
