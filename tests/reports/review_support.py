"""Fixtures for the admin, review, permission and security tests: users in each role, a small report
with machine and hand-entered indicators, and a few real places (OCHA P-codes)."""

import datetime

import pytest
from django.contrib.auth.models import Group, User

from reports.models import Indicator, Place, Report, Source
from reports.roles import EDITOR, REVIEWER, VIEWER, ensure_roles

PASSWORD = "correct horse battery staple 7"
ROLES = ["anonymous", "viewer", "editor", "reviewer", "superuser"]

BODY = (
    "Air strikes hit eastern Aleppo on Monday. The Syrian Observatory for Human Rights said at least 12 people, "
    "including three children, were killed in the raids. Civil defence workers said 40 people were injured.\n\n"
    "Water pumping stations were out of service and the city faced severe shortages of <b>water</b>."
)


@pytest.fixture
def roles(db):
    # Groups are created by a migration, but transactional tests flush the database; make sure they exist.
    ensure_roles()


@pytest.fixture
def make_user(roles):
    def make(role, username=None, password=None):
        """A user in `role`; with no password unless asked (hashing one takes a while, force_login needs none)."""
        username = username or role
        if role == "superuser":
            return User.objects.create_superuser(username, f"{username}@example.org", password)
        # Viewers are staff so that the admin login (the site's only login) accepts them.
        user = User.objects.create_user(username, f"{username}@example.org", password, is_staff=True)
        group = {"viewer": VIEWER, "editor": EDITOR, "reviewer": REVIEWER}.get(role)
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def reviewer(make_user):
    return make_user("reviewer")


@pytest.fixture
def editor(make_user):
    return make_user("editor")


@pytest.fixture
def places(db):
    made = {}
    for pcode, level, parent, name in [
        ("SY", "country", None, "Syria"),
        ("SY02", "admin1", "SY", "Aleppo"),
        ("SY0200", "admin2", "SY02", "Jebel Saman"),
        ("SY07", "admin1", "SY", "Idleb"),
    ]:
        made[pcode] = Place.objects.create(pcode=pcode, level=level, name_en=name, parent=made.get(parent))
    return made


def quoted(report, words, **fields):
    """A machine indicator whose quote is `words` at its place in the report's body."""
    start = report.body.index(words)
    defaults = {"origin": Indicator.Origin.EXTRACTED, "extractor_version": "test"}
    if fields["kind"] in ("killed", "injured", "missing", "trapped", "displaced"):
        defaults.update(group="people", qualifier="exact", unit="people")
    return Indicator.objects.create(report=report, quote=words, start=start, end=start + len(words),
                                    **{**defaults, **fields})


@pytest.fixture
def report(db, places):
    afp = Source.objects.create(name="AFP", kind=Source.Kind.NEWS_AGENCY)
    return Report.objects.create(title="Strikes on eastern Aleppo", body=BODY,
                                 published_on=datetime.date(2016, 9, 26), publisher=afp)


@pytest.fixture
def killed(report, places):
    sohr = Source.objects.create(name="Syrian Observatory for Human Rights", kind=Source.Kind.MONITORING_GROUP)
    return quoted(report, "at least 12 people, including three children, were killed", kind="killed", value=12,
                  qualifier="at_least", place=places["SY02"], source=sohr, date=datetime.date(2016, 9, 26))


@pytest.fixture
def injured(report, places):
    return quoted(report, "40 people were injured", kind="injured", value=40, place=places["SY02"],
                  date=datetime.date(2016, 9, 26))


@pytest.fixture
def water(report, places):
    return quoted(report, "severe shortages of <b>water</b>", kind="water", severity=4, place=places["SY02"])
