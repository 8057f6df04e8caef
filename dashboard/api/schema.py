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
