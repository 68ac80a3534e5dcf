"""Check-ins move to the checkins app, keeping every row.

The tables are renamed in place (``marks_checkin`` -> ``checkins_checkin`` and so on):
the rows, their ids and the foreign keys between them stay as they are. marks forgets
the three models here; ``checkins.0001_initial`` takes them over without touching the
database.
"""

from django.db import migrations

TABLES = {
    "checkin": "checkins_checkin",
    "checkinresponse": "checkins_checkinresponse",
    "checkinanswer": "checkins_checkinanswer",
}


class Migration(migrations.Migration):
    dependencies = [
        ("marks", "0004_checkin_checkinresponse_checkinanswer_and_more"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=name, table=table)
                for name, table in TABLES.items()
            ],
            # Answers point at responses, responses at check-ins: remove in that order.
            state_operations=[
                migrations.DeleteModel(name="CheckInAnswer"),
                migrations.DeleteModel(name="CheckInResponse"),
                migrations.DeleteModel(name="CheckIn"),
            ],
        ),
    ]
