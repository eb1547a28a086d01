using System;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ComputeModule.Errors;

namespace ComputeModule.Http
{
    /// <summary>A successful answer, with its body already read.</summary>
    internal sealed class ApiResponse
    {
        private readonly byte[] _body;

        internal ApiResponse(HttpStatusCode statusCode, HttpResponseHeaders headers, byte[]? body, Uri? requestUri)
        {
            StatusCode = statusCode;
            Headers = headers;
            _body = body ?? Array.Empty<byte>();
            RequestUri = requestUri;
            RequestId = FaultParser.GetRequestId(headers);
            Location = headers.Location;
            if (Location != null && !Location.IsAbsoluteUri && requestUri != null) Location = new Uri(requestUri, Location);
        }

        /// <summary>The HTTP status (2xx).</summary>
        public HttpStatusCode StatusCode { get; }

        /// <summary>The answer's headers.</summary>
        public HttpResponseHeaders Headers { get; }

        /// <summary>The Location header made absolute (createImage answers it with the new image's URL).</summary>
        public Uri? Location { get; }

        /// <summary>x-openstack-request-id or x-compute-request-id.</summary>
        public string? RequestId { get; }

        /// <summary>The URL that was finally requested.</summary>
        public Uri? RequestUri { get; }

        /// <summary>True when the answer has no body (204, or 202 from createImage at 2.1).</summary>
        public bool IsEmpty => _body.Length == 0;

        /// <summary>The body as text.</summary>
        public string Text => Encoding.UTF8.GetString(_body);

        /// <summary>Deserialises the body into a wire DTO.</summary>
        public T Read<T>()
        {
            if (_body.Length == 0) throw InvalidBody("an empty body", null);
            try
            {
                var value = JsonSerializer.Deserialize<T>(_body, ComputeJson.Options);
                if (value == null) throw InvalidBody("null", null);
                return value;
            }
            catch (JsonException e)
            {
                throw InvalidBody("a body that is not the expected JSON", e);
            }
        }

        /// <summary>Parses the body as a JSON document (the caller disposes it).</summary>
        public JsonDocument ReadDocument()
        {
            if (_body.Length == 0) throw InvalidBody("an empty body", null);
            try
            {
                return JsonDocument.Parse(_body);
            }
            catch (JsonException e)
            {
                throw InvalidBody("a body that is not JSON", e);
            }
        }

        /// <summary>The error for a successful answer that lacks what the call needs (no image in the body, no image id, ...).</summary>
        public ComputeApiException Unexpected(string message)
            => new ComputeApiException(message, StatusCode, requestId: RequestId, requestUri: RequestUri);

        private ComputeApiException InvalidBody(string what, Exception? inner)
            => new ComputeApiException(
                ComputeApiException.Describe($"The service answered {RequestUri} with {what}{(inner == null ? "" : ": " + inner.Message)}",
                    StatusCode, null, RequestId, string.Empty),
                StatusCode, null, null, RequestId, RequestUri, inner);
    }
}
