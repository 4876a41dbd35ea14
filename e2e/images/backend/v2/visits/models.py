from django.db import models


class Visit(models.Model):
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, default="")


class Upload(models.Model):
    """New in v2: its migration adds a table."""
    name = models.CharField(max_length=100)
    at = models.DateTimeField(auto_now_add=True)
