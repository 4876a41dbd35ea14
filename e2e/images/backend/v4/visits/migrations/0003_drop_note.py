from django.db import migrations


class Migration(migrations.Migration):
    """Destructive on purpose: the notes written before it are gone from the table (the E2E restores them)."""
    dependencies = [("visits", "0002_upload")]
    operations = [migrations.RemoveField(model_name="visit", name="note")]
