"""What the schema generator cannot see for itself: the token scheme and the types of the shared
filters' own fields (a P-code, a source's id or name: strings in the query)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from ..filters import PlaceFilter, SourceFilter

extend_schema_field(OpenApiTypes.STR)(PlaceFilter)
extend_schema_field(OpenApiTypes.STR)(SourceFilter)


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "dashboard.api.auth.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "A personal API token made in the admin: `Token <secret>` (or `Bearer <secret>`)."}


ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in a sentence."},
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                   "description": "For invalid input: the messages for each field (or query parameter) at fault."},
    },
    "required": ["detail"],
}
ERROR_ANSWERS = {
    "400": "Invalid input: the fields or query parameters at fault are named in `errors`.",
    "401": "No token, or an unknown or revoked one (reading needs a token when the dashboard is not public).",
    "403": "The account's role does not allow this.",
    "404": "No such object.",
    "429": "Too many requests from this token or address: wait and try again.",
}


def document_errors(result, generator, request, public):
    """Every operation's error answers, in the one shape the API gives them (dashboard/api/errors.py)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and parameter["name"] not in ("cursor", "page_size"):
                    # An empty filter is no filter, as when the pages' form is sent with a field left blank.
                    parameter["allowEmptyValue"] = True
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_ANSWERS.items():
                responses.setdefault(code, {"description": description, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
    return result
