"""Import and export of the stakeholder registry as CSV or XLSX.

Columns: navn, type, kontaktperson, e-mail, telefon, bydele, emner. An import is read and checked
first (:func:`read_table`, :func:`check`), shown as a preview, and saved only when no row has an
error — all rows in one transaction (:func:`save`). Between the two steps the parsed rows travel
in a signed payload (:func:`sign_rows`), so nothing is kept on the server.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.organisation.models import District
from inddrag.stakeholders.models import Stakeholder, Topic

COLUMNS = ("navn", "type", "kontaktperson", "e-mail", "telefon", "bydele", "emner")
REQUIRED_COLUMNS = ("navn", "type", "e-mail")
HEADER_ALIASES = {
    "name": "navn",
    "email": "e-mail",
    "mail": "e-mail",
    "e-mailadresse": "e-mail",
    "kontakt": "kontaktperson",
    "tlf": "telefon",
    "tlf.": "telefon",
    "telefonnummer": "telefon",
    "bydel": "bydele",
    "emne": "emner",
}
# Danish names a spreadsheet may use for each type, besides the codes and the labels.
TYPE_ALIASES = {
    Stakeholder.Type.COUNCIL: ("råd",),
    Stakeholder.Type.APPEALS_BOARD: ("nævn", "udvalg eller nævn", "klagenævn"),
    Stakeholder.Type.BOARD: ("bestyrelse", "bestyrelser"),
    Stakeholder.Type.ASSOCIATION: ("forening", "foreninger", "organisation"),
    Stakeholder.Type.BUSINESS: ("virksomhed", "virksomheder"),
    Stakeholder.Type.AUTHORITY: ("myndighed", "myndigheder"),
    Stakeholder.Type.CENTRE: ("center", "kommunalt center"),
    Stakeholder.Type.DISCIPLINE: ("faglighed", "faggruppe", "fagområde"),
    Stakeholder.Type.MED: ("med-udvalg", "med"),
}

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 30
PAYLOAD_SALT = "inddrag.stakeholders.import"
PAYLOAD_MAX_AGE = 60 * 60  # seconds between upload and "Gem"
# A cell that starts with one of these is a formula to a spreadsheet: exported with a "'".
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class UploadError(ValueError):
    """The file as a whole cannot be read: shown at the upload field."""


# --- Reading ------------------------------------------------------------------------------------


def read_table(upload) -> list[list[str]]:
    """The rows of an uploaded CSV or XLSX file: ``[line, navn, type, …]``, header checked.

    The kind is decided by the content, never by the name: an XLSX file is a ZIP archive.
    """
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UploadError(_("The file is larger than 2 MB."))
    if not data.strip():
        raise UploadError(_("The file is empty."))
    raw = _read_xlsx(data) if data.startswith(b"PK\x03\x04") else _read_csv(data)
    return _rows_with_header(raw)


def _read_xlsx(data: bytes) -> Iterator[list[str]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except (zipfile.BadZipFile, InvalidFileException, KeyError, IndexError, OSError, ValueError):
        raise UploadError(_("The file is not a valid XLSX workbook.")) from None

    def rows() -> Iterator[list[str]]:
        try:
            for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
                yield [_cell(value) for value in values]
        finally:
            workbook.close()

    return rows()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _read_csv(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadError(
            _("The file is neither a CSV file in UTF-8 nor an XLSX workbook.")
        ) from None
    if "\x00" in text:
        raise UploadError(_("The file is neither a CSV file in UTF-8 nor an XLSX workbook."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        return iter(list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    except csv.Error:
        raise UploadError(_("The CSV file could not be read.")) from None


def _rows_with_header(raw: Iterable[list[str]]) -> list[list[str]]:
    header: dict[str, int] | None = None
    rows: list[list[str]] = []
    for line, values in enumerate(raw, start=1):
        values = [(v or "").strip() for v in values[:MAX_COLUMNS]]
        if not any(values):
            continue
        if header is None:
            header = _header(values)
            continue
        if len(rows) >= MAX_ROWS:
            raise UploadError(_("The file has more than 2,000 rows."))
        rows.append([line, *(_unescape(_at(values, header.get(column))) for column in COLUMNS)])
    if not rows:
        raise UploadError(_("The file has no rows below the header."))
    return rows


def _header(values: list[str]) -> dict[str, int]:
    header: dict[str, int] = {}
    for index, value in enumerate(values):
        name = value.strip().lower()
        name = HEADER_ALIASES.get(name, name)
        if name in COLUMNS and name not in header:
            header[name] = index
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise UploadError(
            _("The first row must name the columns. Missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    return header


def _at(values: list[str], index: int | None) -> str:
    return values[index] if index is not None and index < len(values) else ""


def _unescape(value: str) -> str:
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_START:
        return value[1:]
    return value


def _escape(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_START) else value


# --- Checking -----------------------------------------------------------------------------------


@dataclass
class Row:
    line: int
    name: str
    type_text: str
    contact_name: str
    email: str
    phone: str
    districts_text: str
    topics_text: str
    type: str = ""
    districts: list[District] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    new_topics: list[str] = field(default_factory=list)
    existing: Stakeholder | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def type_label(self) -> str:
        return Stakeholder.Type(self.type).label if self.type else self.type_text


@dataclass
class Preview:
    rows: list[Row]
    create_topics: bool

    @property
    def error_rows(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def has_errors(self) -> bool:
        return self.error_rows > 0

    @property
    def updated(self) -> int:
        return sum(1 for row in self.rows if row.existing is not None)

    @property
    def created(self) -> int:
        return len(self.rows) - self.updated

    @property
    def new_topics(self) -> list[str]:
        names: dict[str, str] = {}
        for row in self.rows:
            for name in row.new_topics:
                names.setdefault(name.lower(), name)
        return sorted(names.values())


def type_lookup() -> dict[str, str]:
    """Every accepted spelling of a type (lower case) → its code."""
    lookup: dict[str, str] = {}
    for choice in Stakeholder.Type:
        lookup[choice.value] = choice.value
        for language in ("da", "en"):
            with translation.override(language):
                lookup[str(choice.label).lower()] = choice.value
        for alias in TYPE_ALIASES.get(choice, ()):
            lookup[alias] = choice.value
    return lookup


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def check(rows: list[list], create_topics: bool = False) -> Preview:
    """Check every row against the registry and each other; nothing is saved."""
    types = type_lookup()
    districts: dict[str, District] = {}
    for district in District.objects.all():
        districts[district.name.lower()] = district
        districts[str(district).lower()] = district
    topics = {topic.name.lower(): topic for topic in Topic.objects.all()}
    existing = {s.name.lower(): s for s in Stakeholder.objects.only("pk", "name")}
    seen: dict[str, int] = {}
    checked = []
    for values in rows:
        row = Row(int(values[0]), *(str(v) for v in values[1:8]))
        _check_row(row, types, districts, topics, create_topics)
        key = row.name.lower()
        if key:
            if key in seen:
                row.errors.append(_("The name is also used in row %(line)s.") % {"line": seen[key]})
            else:
                seen[key] = row.line
            row.existing = existing.get(key)
        checked.append(row)
    return Preview(checked, create_topics)


def _check_row(row: Row, types, districts, topics, create_topics: bool) -> None:
    errors = row.errors
    if not row.name:
        errors.append(_("The name is missing."))
    elif len(row.name) > 200:
        errors.append(_("The name is longer than 200 characters."))
    if not row.type_text:
        errors.append(_("The type is missing."))
    elif (code := types.get(row.type_text.lower())) is None:
        errors.append(
            _("Unknown type “%(value)s”. Use one of: %(types)s.")
            % {
                "value": row.type_text,
                "types": ", ".join(str(label) for _code, label in Stakeholder.Type.choices),
            }
        )
    else:
        row.type = code
    if not row.email:
        errors.append(_("The e-mail address is missing."))
    else:
        try:
            validate_email(row.email)
        except ValidationError:
            errors.append(_("“%(value)s” is not a valid e-mail address.") % {"value": row.email})
    if len(row.contact_name) > 200:
        errors.append(_("The contact person is longer than 200 characters."))
    if len(row.phone) > 30:
        errors.append(_("The phone number is longer than 30 characters."))
    for name in _split(row.districts_text):
        district = districts.get(name.lower())
        if district is None:
            errors.append(_("Unknown district “%(value)s”.") % {"value": name})
        elif district not in row.districts:
            row.districts.append(district)
    for name in _split(row.topics_text):
        topic = topics.get(name.lower())
        if topic is not None:
            if topic not in row.topics:
                row.topics.append(topic)
        elif len(name) > 80:
            errors.append(
                _("The topic “%(value)s” is longer than 80 characters.") % {"value": name}
            )
        elif create_topics:
            row.new_topics.append(name)
        else:
            errors.append(
                _("Unknown topic “%(value)s” (tick “create new topics” to create it).")
                % {"value": name}
            )


# --- Saving -------------------------------------------------------------------------------------


@transaction.atomic
def save(preview: Preview, user) -> tuple[int, int]:
    """Create or update every row, all or nothing, each written to the access log. Returns
    (created, updated).

    An existing stakeholder (same name, any case) gets the row's type, contact details,
    districts and topics; its centre and whether it is active are left as they are.
    """
    if preview.has_errors:
        raise ValueError("An import with errors cannot be saved.")
    new_topics: dict[str, Topic] = {}
    for name in preview.new_topics:
        topic = Topic.objects.filter(name__iexact=name).first()
        new_topics[name.lower()] = topic or Topic.objects.create(name=name)
    created = updated = 0
    for row in preview.rows:
        fields = {
            "type": row.type,
            "contact_name": row.contact_name,
            "email": row.email,
            "phone": row.phone,
        }
        stakeholder = Stakeholder.objects.filter(name__iexact=row.name).first()
        if stakeholder is None:
            stakeholder = Stakeholder.objects.create(name=row.name, **fields)
            created += 1
            log_access(user, stakeholder, AccessLog.Action.CHANGE, "stakeholder imported")
        else:
            for attribute, value in fields.items():
                setattr(stakeholder, attribute, value)
            stakeholder.save(update_fields=list(fields))
            updated += 1
            log_access(user, stakeholder, AccessLog.Action.CHANGE, "stakeholder updated by import")
        stakeholder.districts.set(row.districts)
        stakeholder.topics.set(row.topics + [new_topics[n.lower()] for n in row.new_topics])
    return created, updated


# --- Between the two steps ----------------------------------------------------------------------


def sign_rows(rows: list[list], user_pk: int, create_topics: bool) -> str:
    """A tamper-proof, compressed payload of the parsed rows for the "Gem" step."""
    return signing.dumps(
        {"u": user_pk, "c": create_topics, "r": rows}, salt=PAYLOAD_SALT, compress=True
    )


def unsign_rows(payload: str, user_pk: int) -> tuple[list[list], bool]:
    """The rows and the "create new topics" choice; :class:`UploadError` if the payload was
    changed, has expired or belongs to someone else."""
    try:
        data = signing.loads(payload, salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE)
    except signing.BadSignature:
        data = None
    if not isinstance(data, dict) or data.get("u") != user_pk:
        raise UploadError(_("The upload has expired or was changed. Please upload the file again."))
    return data["r"], bool(data["c"])


# --- Export -------------------------------------------------------------------------------------


def export_rows() -> Iterator[list[str]]:
    """The header and one row per stakeholder, types in Danish, formulas neutralised."""
    stakeholders = Stakeholder.objects.prefetch_related("districts", "topics").order_by("name")
    yield list(COLUMNS)
    with translation.override("da"):
        for s in stakeholders:
            yield [
                _escape(value)
                for value in (
                    s.name,
                    str(s.get_type_display()),
                    s.contact_name,
                    s.email,
                    s.phone,
                    ", ".join(d.name for d in s.districts.all()),
                    ", ".join(t.name for t in s.topics.all()),
                )
            ]


def export_csv(rows: list[list[str]] | None = None) -> bytes:
    """Semicolon-separated UTF-8 with a byte order mark, as Danish Excel expects (``rows``: those
    of ``export_rows()``, read already)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerows(export_rows() if rows is None else rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(rows: list[list[str]] | None = None) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Stakeholders"))
    for row in export_rows() if rows is None else rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
