"""What both hosts accept as a request body, in one place so they cannot drift apart.

A body must be declared as JSON and be at most ``MAX_BODY_BYTES`` long (413 otherwise). A body
that is not valid JSON, or is JSON but not an object, is a malformed request (400): the client
sent something no field-level validation can explain. A JSON object goes to the validators,
which answer field problems with 422.
"""

from typing import Final

MAX_BODY_BYTES: Final = 64 * 1024
"""64 KiB: far more than any user or order needs, small enough that no client can make the
server read and decode megabytes."""

NOT_JSON_CONTENT_TYPE_MESSAGE: Final = (
    "Send the body as JSON, with the header Content-Type: application/json."
)
INVALID_JSON_MESSAGE: Final = "The request body is not valid JSON."
NOT_AN_OBJECT_MESSAGE: Final = "The request body must be a JSON object."
