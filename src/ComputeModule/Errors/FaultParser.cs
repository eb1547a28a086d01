using System;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ComputeModule.Errors
{
    /// <summary>A parsed fault body: Nova's <c>{"itemNotFound":{"code":404,"message":...}}</c> or keystone's <c>{"error":{"code":401,"title":...,"message":...}}</c>.</summary>
    internal sealed class Fault
    {
        public Fault(string? code, string? message, string? details)
        {
            Code = code;
            Message = message;
            Details = details;
        }

        public string? Code { get; }
        public string? Message { get; }
        public string? Details { get; }
    }

    /// <summary>Turns an unsuccessful answer into the matching typed exception.</summary>
    internal static class FaultParser
    {
        /// <summary>Reads a fault body; null when the body is not a recognisable fault (HTML from a proxy, empty, ...).</summary>
        public static Fault? Parse(byte[]? body)
        {
            if (body == null || body.Length == 0) return null;
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                foreach (var property in root.EnumerateObject())
                {
                    // One root element whose value is an object with a message: the fault name is the key,
                    // except keystone, where the key is "error" and the name is in "title".
                    if (property.Value.ValueKind != JsonValueKind.Object) continue;
                    var inner = property.Value;
                    string? message = GetString(inner, "message") ?? GetString(inner, "explanation");
                    string? details = GetString(inner, "details");
                    string? code = property.Name;
                    if (property.Name == "error")
                    {
                        code = GetString(inner, "title") ?? "error";
                    }
                    if (message == null && details == null && !inner.TryGetProperty("code", out _)) continue;
                    return new Fault(code, message, details);
                }
                // Some proxies answer {"message": "..."} flat.
                var flat = GetString(root, "message");
                return flat == null ? null : new Fault(null, flat, null);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>Builds the exception for a non-success answer.</summary>
        public static ComputeApiException ToException(HttpStatusCode status, string? reasonPhrase, byte[]? body,
            HttpResponseHeaders? headers, Uri? requestUri, string? method = null)
        {
            var fault = Parse(body);
            string? requestId = GetRequestId(headers);
            string fallback = string.Format(CultureInfo.InvariantCulture, "{0} {1} failed: {2} {3}",
                method ?? "Request", requestUri, (int)status, reasonPhrase ?? status.ToString()).Replace("  ", " ");
            string? faultCode = fault?.Code;
            string? faultMessage = fault?.Message ?? fault?.Details;
            string message = ComputeApiException.Describe(faultMessage, status, faultCode, requestId, fallback);
            switch ((int)status)
            {
                case 400: return new ComputeBadRequestException(message, faultCode, faultMessage, requestId, requestUri);
                case 401: return new ComputeUnauthorizedException(message, faultCode, faultMessage, requestId, requestUri);
                case 403: return new ComputeForbiddenException(message, faultCode, faultMessage, requestId, requestUri);
                case 404: return new ComputeNotFoundException(message, faultCode, faultMessage, requestId, requestUri);
                case 409: return new ComputeConflictException(message, faultCode, faultMessage, requestId, requestUri);
                case 413:
                case 429:
                    return new ComputeRateLimitedException(message, status, RetryAfter.Parse(headers, DateTimeOffset.UtcNow), faultCode, faultMessage, requestId, requestUri);
                case 502:
                case 503:
                case 504:
                    return new ComputeServiceUnavailableException(message, status, faultCode, faultMessage, requestId, requestUri);
                default:
                    return new ComputeApiException(message, status, faultCode, faultMessage, requestId, requestUri);
            }
        }

        /// <summary>Nova answers x-openstack-request-id (and x-compute-request-id on older releases).</summary>
        public static string? GetRequestId(HttpResponseHeaders? headers)
        {
            if (headers == null) return null;
            foreach (var name in new[] { "x-openstack-request-id", "x-compute-request-id", "X-Request-Id" })
            {
                if (headers.TryGetValues(name, out var values))
                {
                    foreach (var v in values) return v;
                }
            }
            return null;
        }

        private static string? GetString(JsonElement element, string name)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) return null;
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null => null,
                JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            };
        }
    }

    /// <summary>Reads Retry-After, which is either delta-seconds or an HTTP date.</summary>
    internal static class RetryAfter
    {
        /// <summary>The wait the header asks for (never negative), or null when there is no usable header.</summary>
        public static TimeSpan? Parse(HttpResponseHeaders? headers, DateTimeOffset now)
        {
            var header = headers?.RetryAfter;
            if (header != null)
            {
                if (header.Delta.HasValue) return header.Delta.Value < TimeSpan.Zero ? TimeSpan.Zero : header.Delta.Value;
                if (header.Date.HasValue)
                {
                    var wait = header.Date.Value - now;
                    return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
                }
            }
            // A value the typed parser refused (e.g. "1.5"): read it by hand.
            if (headers != null && headers.TryGetValues("Retry-After", out var raw))
            {
                foreach (var text in raw) return Parse(text, now);
            }
            return null;
        }

        /// <summary>Parses one header value.</summary>
        public static TimeSpan? Parse(string? text, DateTimeOffset now)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            text = text!.Trim();
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(seconds, 86400));
            }
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date))
            {
                var wait = date - now;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }
    }
}
