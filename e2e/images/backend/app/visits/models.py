from django.db import models


class Visit(models.Model):
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, default="")
