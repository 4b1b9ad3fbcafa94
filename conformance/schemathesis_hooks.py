"""Schemathesis hooks (loaded through SCHEMATHESIS_HOOKS): readers for the two
binary answers of the API, so that their bodies are checked too instead of
being skipped as an unknown media type."""

import io
import zipfile

import schemathesis


@schemathesis.deserializer("application/zip")
def zip_archive(ctx, response):
    """`category/sample/batch_download`: a readable ZIP whose entries are intact."""
    try:
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            broken = archive.testzip()
            names = archive.namelist()
    except zipfile.BadZipFile as error:
        raise ValueError(f"not a ZIP archive: {error}") from error
    if broken is not None:
        raise ValueError(f"ZIP entry {broken!r} is corrupt")
    # The document types the file as a binary string; this stands for it.
    return f"ZIP of {len(names)} file(s)"


@schemathesis.deserializer("application/octet-stream")
def file_bytes(ctx, response):
    """`category/sample/download`: the sample's bytes, any bytes."""
    return response.content.decode("latin-1")
