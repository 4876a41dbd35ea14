from django.db import models


class Visit(models.Model):
    """v4 dropped the note column (migration 0003_drop_note)."""
    at = models.DateTimeField(auto_now_add=True)


class Upload(models.Model):
    name = models.CharField(max_length=100)
    at = models.DateTimeField(auto_now_add=True)
