from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("visits", "0001_initial")]
    operations = [
        migrations.CreateModel(
            name="Upload",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100)),
                ("at", models.DateTimeField(auto_now_add=True)),
            ],
        ),
    ]
