"""Removing hidden metadata (author names, company, GPS position, comments) from attachments.

Attachments are published byte for byte, so what the citizen cannot see in the document must go
before it is stored: office document properties, PDF document information and XMP, JPEG EXIF and
comments, PNG text chunks. The visible content is left unchanged. A file that cannot be rewritten
is returned as it was; screening then decides whether a person has to look at it.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import zipfile
from collections.abc import Iterator
from typing import Any

from inddrag.contributions.screening import pdf_limits, read_parts, too_many_pdf_objects

logger = logging.getLogger(__name__)


class _Malformed(Exception):
    pass


def strip_metadata(data: bytes, kind: str) -> bytes:
    """A copy of ``data`` without its hidden metadata, or ``data`` itself if that fails."""
    strip = {"docx": _office, "odt": _office, "pdf": _pdf, "jpg": _jpeg, "png": _png}.get(kind)
    if strip is None:
        return data
    try:
        return strip(data)
    except Exception:  # a damaged file is kept as it is; screening flags what it cannot read
        logger.info("Could not remove the metadata of a %s file", kind, exc_info=True)
        return data


# --- DOCX and ODT -------------------------------------------------------------------------------

_CORE_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'docPropsVTypes"/>'
)
_CUSTOM_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'docPropsVTypes"/>'
)
_META_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="{version}">'
    "<office:meta/></office:document-meta>"
)
# Relationship types of the OPC property parts, wherever the package keeps them.
_PROPERTY_TYPES = {
    "core-properties": _CORE_XML,
    "extended-properties": _APP_XML,
    "custom-properties": _CUSTOM_XML,
}
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^<>]*>")
_ATTRIBUTE = re.compile(rb"""\b(Type|Target)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ODF_VERSION = re.compile(rb"""office:version\s*=\s*["']([0-9.]{1,8})["']""")
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _property_parts(rels: bytes) -> dict[str, bytes]:
    """Part name → replacement for the property parts named in the package's _rels/.rels."""
    parts = {}
    for tag in _RELATIONSHIP.findall(rels):
        attributes = {m.group(1): m.group(2) or m.group(3) or b"" for m in _ATTRIBUTE.finditer(tag)}
        kind = attributes.get(b"Type", b"").rsplit(b"/", 1)[-1].decode("ascii", "replace")
        target = attributes.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
        if kind in _PROPERTY_TYPES and target:
            parts[target.lower()] = _PROPERTY_TYPES[kind]
    return parts


def _office(data: bytes) -> bytes:
    entries = list(read_parts(data))  # bounded like screening: at most 50 MB unpacked
    names = {info.filename.lower(): content for info, content in entries}
    replacements = {
        "docprops/core.xml": _CORE_XML,
        "docprops/app.xml": _APP_XML,
        "docprops/custom.xml": _CUSTOM_XML,
    }
    if "_rels/.rels" in names:
        replacements.update(_property_parts(names["_rels/.rels"]))
    # ODF requires "mimetype" first and stored uncompressed; the rest keep their order.
    entries.sort(key=lambda entry: entry[0].filename != "mimetype")
    out = io.BytesIO()
    written: set[str] = set()
    with zipfile.ZipFile(out, "w") as archive:
        for info, content in entries:
            name = info.filename
            lower = name.lower()
            if lower in written:  # a second entry with the same name: readers disagree on it
                continue
            written.add(lower)
            if lower in replacements:
                content = replacements[lower]
            elif lower == "meta.xml" or lower.endswith("/meta.xml"):
                version = _ODF_VERSION.search(content[:4096])
                meta = _META_XML.format(version=version.group(1).decode() if version else "1.2")
                content = meta.encode()
            elif content.startswith((b"\xff\xd8\xff", _PNG_SIGNATURE)):
                content = _embedded_image(content)  # pasted photos carry EXIF and GPS
            entry = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            stored = name == "mimetype" or info.compress_type == zipfile.ZIP_STORED
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            entry.external_attr = (0o40755 << 16) | 0x10 if info.is_dir() else 0o644 << 16
            archive.writestr(entry, content)
    return out.getvalue()


def _embedded_image(content: bytes) -> bytes:
    try:
        return _jpeg(content) if content.startswith(b"\xff\xd8") else _png(content)
    except (_Malformed, struct.error):
        return content  # a damaged picture does not stop the rest of the document being cleaned


# --- PDF ------------------------------------------------------------------------------------------


def _images(resources: Any, seen: set[int], depth: int = 0) -> Iterator[Any]:
    """Image XObjects drawn by ``resources``, also inside forms."""
    if resources is None or depth > 20:
        return
    xobjects = resources.get_object().get("/XObject")
    for reference in xobjects.get_object().values() if xobjects is not None else []:
        obj = reference.get_object()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if obj.get("/Subtype") == "/Image":
            yield obj
        elif obj.get("/Subtype") == "/Form":
            yield from _images(obj.get("/Resources"), seen, depth + 1)


def _pdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, StreamObject

    with pdf_limits():
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted or too_many_pdf_objects(reader):
            return data  # not rewritten; screening sends it to a person
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None  # the /Info dictionary: Author, Creator, Producer, ...
        for holder in [writer.root_object, *writer.pages]:
            for key in ("/Metadata", "/PieceInfo"):  # XMP and application private data
                holder.pop(NameObject(key), None)
        seen: set[int] = set()
        for page in writer.pages:
            for image in _images(page.get("/Resources"), seen):
                image.pop(NameObject("/Metadata"), None)
                if image.get("/Filter") == "/DCTDecode":  # a JPEG as it came from the camera
                    raw = image.get_data()  # pypdf leaves DCT data as it is
                    stripped = _embedded_image(raw) if raw.startswith(b"\xff\xd8") else raw
                    if stripped != raw:
                        StreamObject.set_data(image, stripped)
        writer.compress_identical_objects()  # drops the objects nothing refers to any more
        out = io.BytesIO()
        writer.write(out)
    return out.getvalue()


# --- JPEG -----------------------------------------------------------------------------------------

_APP0, _APP2, _APP14, _APP15, _COM, _SOS, _EOI = 0xE0, 0xE2, 0xEE, 0xEF, 0xFE, 0xDA, 0xD9


def _keep_segment(marker: int, body: bytes) -> bool:
    """APP and COM segments are metadata (EXIF, XMP, IPTC, maker notes, comments), except the
    JFIF header, the ICC colour profile and Adobe's colour transform, which decoders need."""
    if marker == _COM:
        return False
    if not _APP0 <= marker <= _APP15:
        return True
    return (
        (marker == _APP0 and body.startswith(b"JFIF\x00"))
        or (marker == _APP2 and body.startswith(b"ICC_PROFILE\x00"))
        or (marker == _APP14 and body.startswith(b"Adobe"))
    )


def _exif_orientation(body: bytes) -> int | None:
    """The Orientation tag of an EXIF segment, so that photos are not turned on their side."""
    try:
        return _find_orientation(body)
    except (struct.error, IndexError):
        return None


def _find_orientation(body: bytes) -> int | None:
    if not body.startswith(b"Exif\x00\x00") or len(body) < 14:
        return None
    tiff = body[6:]
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None:
        return None
    (offset,) = struct.unpack(order + "I", tiff[4:8])
    if offset + 2 > len(tiff):
        return None
    (count,) = struct.unpack(order + "H", tiff[offset : offset + 2])
    for index in range(min(count, 512)):
        start = offset + 2 + 12 * index
        if start + 12 > len(tiff):
            return None
        tag, kind = struct.unpack(order + "HH", tiff[start : start + 4])
        if tag == 0x0112 and kind == 3:
            (value,) = struct.unpack(order + "H", tiff[start + 8 : start + 10])
            return value if 1 <= value <= 8 else None
    return None


def _orientation_segment(orientation: int) -> bytes:
    """A minimal EXIF APP1 segment holding nothing but the orientation."""
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1)
    tiff += struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack(">I", 0)
    body = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def _entropy_end(data: bytes, position: int) -> int:
    """Where the entropy-coded data after a scan header ends: the next real marker."""
    while True:
        found = data.find(b"\xff", position)
        if found < 0 or found + 1 >= len(data):
            return len(data)
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:  # stuffed byte or restart marker
            position = found + 2
            continue
        return found


def _jpeg(data: bytes) -> bytes:
    if not data.startswith(b"\xff\xd8"):
        raise _Malformed("not a JPEG")
    out = bytearray(b"\xff\xd8")
    kept_orientation = False
    position, size = 2, len(data)
    while position < size:
        if data[position] != 0xFF:
            raise _Malformed("expected a marker")
        while position < size and data[position] == 0xFF:  # fill bytes
            position += 1
        if position >= size:
            break
        marker = data[position]
        position += 1
        if marker == _EOI:
            out += b"\xff\xd9"
            break  # anything after the image (thumbnails, videos, vendor trailers) is dropped
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out += bytes((0xFF, marker))
            continue
        if position + 2 > size:
            raise _Malformed("truncated segment")
        (length,) = struct.unpack(">H", data[position : position + 2])
        if length < 2 or position + length > size:
            raise _Malformed("bad segment length")
        body = data[position + 2 : position + length]
        if marker == 0xE1 and not kept_orientation:
            orientation = _exif_orientation(body)
            if orientation not in (None, 1):
                out += _orientation_segment(orientation)  # in place of the EXIF segment
                kept_orientation = True
        if _keep_segment(marker, body):
            out += bytes((0xFF, marker)) + data[position : position + length]
        position += length
        if marker == _SOS:
            end = _entropy_end(data, position)
            out += data[position:end]
            position = end
    return bytes(out)


# --- PNG ------------------------------------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_METADATA = {b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"tIME"}


def _png(data: bytes) -> bytes:
    if not data.startswith(_PNG_SIGNATURE):
        raise _Malformed("not a PNG")
    out = [_PNG_SIGNATURE]
    position, size = len(_PNG_SIGNATURE), len(data)
    while position + 12 <= size:
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunk_type = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > size:
            raise _Malformed("truncated chunk")
        if chunk_type not in _PNG_METADATA:
            out.append(data[position:end])  # kept byte for byte, CRC included
        position = end
        if chunk_type == b"IEND":
            break  # anything after the image is dropped
    else:
        if position != size:
            raise _Malformed("trailing bytes in a chunk header")
    return b"".join(out)
