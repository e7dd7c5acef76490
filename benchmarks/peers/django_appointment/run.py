"""django-appointment 3.12.0 on the slots workload: prints one JSON line per size (peer venv)."""

import json
import os
import sys
from datetime import date, time, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(first_date: date) -> None:
    # This runs under the peer venv's Python: its settings sit beside it, and the shared workload
    # is plain Python in the repository's benchmarks package.
    sys.path[:0] = [str(HERE), str(HERE.parents[2])]
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DATABASES["default"]["NAME"].unlink(missing_ok=True)
    # The package ships without migrations: syncdb creates its tables.
    call_command("migrate", run_syncdb=True, verbosity=0)
    from benchmarks import slots_workload as workload

    staff_ids, filler = build_practice()
    for n in workload.SIZES:
        add_appointments(n, first_date, staff_ids, filler)
        print(json.dumps({"n": n, **timings(first_date, staff_ids[0])}), flush=True)


def build_practice() -> tuple[list[int], object]:
    """Ten staff members working Monday-Friday 09:00-17:00 on a 30-minute grid; two services."""
    from appointment.models import Config, Service, StaffMember, WorkingHours
    from django.contrib.auth.models import User

    from benchmarks import slots_workload as workload

    Config(slot_duration=workload.INTERVAL_MINUTES, appointment_buffer_time=0).save()
    session = Service.objects.create(
        name="Bench session", duration=timedelta(minutes=workload.SERVICE_MINUTES), price=0
    )
    filler = Service.objects.create(
        name="Bench check-in", duration=timedelta(minutes=workload.BOOKING_MINUTES), price=0
    )
    users = User.objects.bulk_create(
        User(username=f"staff{i}", first_name="Staff", last_name=str(i))
        for i in range(workload.PRACTITIONERS)
    )
    staff = StaffMember.objects.bulk_create(
        StaffMember(user=user, slot_duration=workload.INTERVAL_MINUTES) for user in users
    )
    offers = StaffMember.services_offered.through
    offers.objects.bulk_create(
        offers(staffmember_id=member.pk, service_id=service.pk)
        for member in staff
        for service in (session, filler)
    )
    start, end = (
        time(minute // 60, minute % 60)
        for minute in (workload.WORK_START_MINUTE, workload.WORK_END_MINUTE)
    )
    # Its day_of_week counts from Sunday = 0, so Monday-Friday is 1-5.
    WorkingHours.objects.bulk_create(
        WorkingHours(staff_member=member, day_of_week=day, start_time=start, end_time=end)
        for member in staff
        for day in range(1, 6)
    )
    return [member.pk for member in staff], filler


def add_appointments(n: int, first_date: date, staff_ids: list[int], service: object) -> None:
    """An AppointmentRequest and its Appointment per planned booking, for one client."""
    from appointment.models import Appointment, AppointmentRequest
    from django.contrib.auth.models import User

    from benchmarks import slots_workload as workload

    Appointment.objects.all().delete()
    AppointmentRequest.objects.all().delete()
    client, _ = User.objects.get_or_create(username="client", defaults={"email": "c@example.com"})
    requests = []
    for index, planned in enumerate(workload.planned_bookings(measured=n, first_date=first_date)):
        start, end = planned.start_minute, planned.start_minute + workload.BOOKING_MINUTES
        requests.append(
            AppointmentRequest(
                date=planned.day,
                start_time=time(start // 60, start % 60),
                end_time=time(end // 60, end % 60),
                service=service,
                staff_member_id=staff_ids[planned.practitioner],
                id_request=f"bench{index}",
            )
        )
    requests = AppointmentRequest.objects.bulk_create(requests, batch_size=1_000)
    Appointment.objects.bulk_create(
        (
            Appointment(client=client, appointment_request=request, amount_to_pay=0)
            for request in requests
        ),
        batch_size=1_000,
    )


def timings(first_date: date, staff_id: int) -> dict:
    """Slots for the 60 dates, one get_available_slots_for_staff call per date, as its views do."""
    from appointment.models import Service, StaffMember
    from appointment.services import get_available_slots_for_staff
    from appointment.utils.db_helpers import get_weekday_num_from_date
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks import slots_workload as workload

    def slots_for_range() -> int:
        # The views look up the staff member and the service once per request.
        staff_member = StaffMember.objects.get(pk=staff_id)
        service = Service.objects.get(name="Bench session")
        return sum(
            len(
                get_available_slots_for_staff(
                    day, staff_member, get_weekday_num_from_date(day), service=service
                )
            )
            for day in workload.dates(first_date)
        )

    seconds, slots = workload.best_of(slots_for_range)
    with CaptureQueriesContext(connection) as queries:
        slots_for_range()
    return {"ms": seconds * 1000, "slots": slots, "queries": len(queries)}


if __name__ == "__main__":
    main(date.fromisoformat(sys.argv[1]))
