"""The exchange file (``.bkx``): a zip with ``manifest.json`` and ``data.json``, authenticated
with HMAC-SHA256 under the sender's secret.

Pure functions over bytes: nothing here reads or writes a file or a database. Reading checks
everything before trusting anything, and never unpacks to disk; a file that fails any check is
refused with a reason in plain words (``Refused``).
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from budgetkring.errors import UserError
from budgetkring.i18n import _

FORMAT = "budgetkring-exchange"
FORMAT_VERSION = 1
SUFFIX = ".bkx"
MEMBERS = ("manifest.json", "data.json")
MAX_UNPACKED = 50 * 1024 * 1024  # bytes, all members together
MAX_RATIO = 100  # unpacked size per packed byte above which a member is a zip bomb
KINDS = ("circles", "programmes")


class Refused(UserError):
    """An exchange file that is not taken in, with the reason in plain words."""


@dataclass(frozen=True)
class Manifest:
    """Who made an exchange file, for which organisation, and which number it has."""

    organisation: str
    sender: str
    sequence: int
    created: str
    kind: str


def digest(raw: bytes) -> str:
    """The SHA-256 of bytes, as hex."""
    return hashlib.sha256(raw).hexdigest()


def _canonical(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign(fields: dict, secret: str) -> str:
    """The HMAC-SHA256 of the manifest's fields (without the HMAC itself), as hex."""
    return hmac.new(bytes.fromhex(secret), _canonical(fields), hashlib.sha256).hexdigest()


def write_bundle(manifest: Manifest, data: dict, secret: str) -> bytes:
    """The bytes of an exchange file holding ``data``."""
    body = _canonical(data)
    fields = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "organisation": manifest.organisation,
        "sender": manifest.sender,
        "sequence": manifest.sequence,
        "created": manifest.created,
        "kind": manifest.kind,
        "members": {"data.json": digest(body)},
    }
    fields["hmac"] = sign(fields, secret)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in (("manifest.json", _canonical(fields)), ("data.json", body)):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content)
    return out.getvalue()


def DAMAGED() -> str:  # noqa: N802 - a message, translated when it is needed
    """Why a file that is no whole zip is refused."""
    return _("The file is damaged or incomplete: it is not a whole exchange file.")


def _unsafe(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ":" in name or ".." in parts


def _members(raw: bytes) -> dict[str, bytes]:
    """The members of the zip, read into memory with every size limit checked while reading."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise Refused(DAMAGED()) from None
    names = [info.filename for info in infos]
    for name in names:
        if _unsafe(name):
            raise Refused(_("The file holds a path that points outside its own folder."))
    if sorted(names) != sorted(MEMBERS):
        raise Refused(_("The file holds other parts than an exchange file has."))
    if sum(info.file_size for info in infos) > MAX_UNPACKED:
        raise Refused(_("The file is too large when unpacked (more than 50 MB)."))
    members: dict[str, bytes] = {}
    total = 0
    for info in infos:
        if info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise Refused(_("The file is packed suspiciously tightly (a zip bomb)."))
        try:
            with archive.open(info) as member:
                # Read no more than announced (+1 byte to notice a lie), whatever the header says.
                content = member.read(min(info.file_size, MAX_UNPACKED - total) + 1)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
            raise Refused(DAMAGED()) from None
        if len(content) > info.file_size:
            raise Refused(DAMAGED())
        total += len(content)
        members[info.filename] = content
    return members


def _json(content: bytes) -> object:
    try:
        return json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise Refused(_("The file's contents are not readable data.")) from None


def read_manifest(raw: bytes) -> tuple[Manifest, dict, bytes]:
    """The manifest (checked for form only, not yet authenticated), its fields, and the data
    member's bytes."""
    members = _members(raw)
    fields = _json(members["manifest.json"])
    if not isinstance(fields, dict) or fields.get("format") != FORMAT:
        raise Refused(_("This is not a Budgetkring exchange file."))
    if fields.get("format_version") != FORMAT_VERSION:
        raise Refused(
            _("The file was made by another version of Budgetkring. Install the newest version.")
        )
    text = ("organisation", "sender", "created", "kind", "hmac")
    if (
        any(not isinstance(fields.get(k), str) or len(fields[k]) > 200 for k in text)
        or type(fields.get("sequence")) is not int
        or fields["sequence"] < 1
        or fields["kind"] not in KINDS
        or not isinstance(fields.get("members"), dict)
        or list(fields["members"]) != ["data.json"]
    ):
        raise Refused(_("The file's description (manifest) is not complete."))
    manifest = Manifest(
        fields["organisation"],
        fields["sender"],
        fields["sequence"],
        fields["created"],
        fields["kind"],
    )
    return manifest, fields, members["data.json"]


def open_bundle(raw: bytes, secret_for: Callable[[Manifest], str]) -> tuple[Manifest, object]:
    """Check an exchange file completely and return its manifest and data.

    ``secret_for`` gives the sender's secret, or raises ``Refused`` for a wrong organisation or
    an unknown sender. The HMAC is compared in constant time; then every member's SHA-256.
    """
    manifest, fields, body = read_manifest(raw)
    secret = secret_for(manifest)
    claimed = fields.pop("hmac")
    try:
        expected = sign(fields, secret)
    except ValueError:  # pragma: no cover - our own secrets are always hex
        raise Refused(_("The file could not be checked.")) from None
    if not hmac.compare_digest(expected, claimed):
        raise Refused(
            _("The file is not authentic: it was changed, or it was not made by this sender.")
        )
    if not hmac.compare_digest(digest(body), str(fields["members"]["data.json"])):
        raise Refused(_("The file was changed after it was made."))
    return manifest, _json(body)
