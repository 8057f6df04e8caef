"""Every API error as JSON: {"detail": a sentence, "errors": {field: [messages]}} (errors only when fields
are at fault), 4xx for bad input."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        fields = ", ".join(sorted(errors))
        response.data = {"detail": f"Invalid input: {fields}.", "errors": errors}
    elif not (isinstance(data, dict) and "detail" in data):
        response.data = {"detail": str(data)}
    if response.status_code == status.HTTP_404_NOT_FOUND and "cursor" in str(response.data.get("detail", "")).lower():
        response.status_code = status.HTTP_400_BAD_REQUEST
    return response


def bad_request(field, message):
    return Response({"detail": f"Invalid input: {field}.", "errors": {field: [message]}},
                    status=status.HTTP_400_BAD_REQUEST)
