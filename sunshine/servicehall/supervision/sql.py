"""The local calendar day of a datetime column in the database's own SQL, without Django's
per-row Python function on SQLite (TruncDate calls one for every row: 4 s for 50,000 clocks).

Asia/Shanghai has had no daylight saving time since 1991, so on SQLite the day is the stored UTC
time shifted by the zone's current offset; PostgreSQL converts with AT TIME ZONE."""

from django.conf import settings
from django.db.models import CharField, DateField, Func
from django.db.models.functions import TruncDate
from django.utils import timezone


class LocalDate(Func):
    output_field = DateField()
    arity = 1

    def as_sql(self, compiler, connection, **extra_context):  # other databases
        return TruncDate(*self.get_source_expressions()).as_sql(compiler, connection)

    def as_sqlite(self, compiler, connection, **extra_context):
        minutes = int(timezone.localtime().utcoffset().total_seconds() // 60)
        template = f"date(%(expressions)s, '{minutes:+d} minutes')"
        return super().as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        zone = settings.TIME_ZONE.replace("'", "")
        template = f"((%(expressions)s) AT TIME ZONE '{zone}')::date"
        return super().as_sql(compiler, connection, template=template, **extra_context)


class LocalMonth(Func):
    """ "YYYY-MM" of a datetime column in local time (same approach as LocalDate)."""

    output_field = CharField()
    arity = 1

    def as_sql(self, compiler, connection, **extra_context):  # other databases
        raise NotImplementedError("LocalMonth: SQLite and PostgreSQL only")

    def as_sqlite(self, compiler, connection, **extra_context):
        minutes = int(timezone.localtime().utcoffset().total_seconds() // 60)
        template = f"substr(datetime(%(expressions)s, '{minutes:+d} minutes'), 1, 7)"
        return super().as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        zone = settings.TIME_ZONE.replace("'", "")
        template = f"to_char((%(expressions)s) AT TIME ZONE '{zone}', 'YYYY-MM')"
        return super().as_sql(compiler, connection, template=template, **extra_context)
