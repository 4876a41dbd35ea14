import json
import os
import re

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from visits.models import Visit

SAFE_NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
# v4's migration drops the note column: its model has none, and the views keep working without it
HAS_NOTES = any(f.name == "note" for f in Visit._meta.get_fields())


def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "version": settings.APP_VERSION})


@csrf_exempt
def visits(request):
    """GET: how many visits are stored; POST: store one more (body: an optional note)."""
    if request.method == "POST":
        note = request.body.decode("utf-8", "replace")[:200]
        Visit.objects.create(**({"note": note} if HAS_NOTES else {}))
    elif request.method != "GET":
        return HttpResponse(status=405)
    notes = list(Visit.objects.order_by("id").values_list("note", flat=True)) if HAS_NOTES else []
    return JsonResponse({"visits": Visit.objects.count(), "notes": notes, "version": settings.APP_VERSION})


@csrf_exempt
def media(request, name):
    """PUT: store the body as media file NAME (served by nginx at /media/NAME); GET: read it back."""
    if not SAFE_NAME.match(name) or name.startswith("."):
        return HttpResponse("bad name\n", status=400)
    path = os.path.join(settings.MEDIA_ROOT, name)
    if request.method == "PUT":
        with open(path, "wb") as out:
            out.write(request.body)
        return JsonResponse({"stored": name, "bytes": len(request.body)}, status=201)
    if request.method == "GET":
        if not os.path.exists(path):
            return HttpResponse(status=404)
        with open(path, "rb") as f:
            return HttpResponse(f.read(), content_type="application/octet-stream")
    return HttpResponse(status=405)
