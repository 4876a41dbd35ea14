from django.db import migrations


def fail(apps, schema_editor):
    raise RuntimeError("0003_broken fails on purpose: the stand-in v3 has a migration that cannot run")


class Migration(migrations.Migration):
    dependencies = [("visits", "0002_upload")]
    operations = [migrations.RunPython(fail, migrations.RunPython.noop)]
