using System;
using System.Net;
using System.Text;

namespace ComputeModule.Errors
{
    /// <summary>A failure reported by the compute or identity service, or met on the way to it.</summary>
    public class ComputeApiException : Exception
    {
        /// <summary>Creates the exception from a parsed fault.</summary>
        public ComputeApiException(string message, HttpStatusCode? statusCode = null, string? faultCode = null,
            string? faultMessage = null, string? requestId = null, Uri? requestUri = null, Exception? innerException = null)
            : base(message, innerException)
        {
            StatusCode = statusCode;
            FaultCode = faultCode;
            FaultMessage = faultMessage;
            RequestId = requestId;
            RequestUri = requestUri;
        }

        /// <summary>The HTTP status of the answer; null when no answer came (connection failure, timeout).</summary>
        public HttpStatusCode? StatusCode { get; }

        /// <summary>The fault's root element (itemNotFound, overLimit, ...) or keystone's error title.</summary>
        public string? FaultCode { get; }

        /// <summary>The human-readable message of the fault body.</summary>
        public string? FaultMessage { get; }

        /// <summary>The x-openstack-request-id / x-compute-request-id of the answer.</summary>
        public string? RequestId { get; }

        /// <summary>The URL of the request that failed.</summary>
        public Uri? RequestUri { get; }

        /// <summary>"message (HTTP 404 itemNotFound, request req-1)" in one place, so every subclass reads alike.</summary>
        internal static string Describe(string? faultMessage, HttpStatusCode? status, string? faultCode, string? requestId, string fallback)
        {
            var sb = new StringBuilder(string.IsNullOrWhiteSpace(faultMessage) ? fallback : faultMessage!.Trim());
            var parts = new StringBuilder();
            if (status.HasValue) parts.Append("HTTP ").Append((int)status.Value);
            if (!string.IsNullOrEmpty(faultCode)) parts.Append(parts.Length > 0 ? " " : string.Empty).Append(faultCode);
            if (!string.IsNullOrEmpty(requestId)) parts.Append(parts.Length > 0 ? ", " : string.Empty).Append("request ").Append(requestId);
            if (parts.Length > 0) sb.Append(" (").Append(parts).Append(')');
            return sb.ToString();
        }
    }

    /// <summary>404: the server, image, key or route does not exist.</summary>
    public sealed class ComputeNotFoundException : ComputeApiException
    {
        /// <summary>Creates the exception.</summary>
        public ComputeNotFoundException(string message, string? faultCode = null, string? faultMessage = null, string? requestId = null, Uri? requestUri = null)
            : base(message, HttpStatusCode.NotFound, faultCode, faultMessage, requestId, requestUri) { }
    }

    /// <summary>401: the credentials or the token were rejected.</summary>
    public sealed class ComputeUnauthorizedException : ComputeApiException
    {
        /// <summary>Creates the exception.</summary>
        public ComputeUnauthorizedException(string message, string? faultCode = null, string? faultMessage = null, string? requestId = null, Uri? requestUri = null)
            : base(message, HttpStatusCode.Unauthorized, faultCode, faultMessage, requestId, requestUri) { }
    }

    /// <summary>403: the caller may not do this (policy, or a quota such as the image metadata limit).</summary>
    public sealed class ComputeForbiddenException : ComputeApiException
    {
        /// <summary>Creates the exception.</summary>
        public ComputeForbiddenException(string message, string? faultCode = null, string? faultMessage = null, string? requestId = null, Uri? requestUri = null)
            : base(message, HttpStatusCode.Forbidden, faultCode, faultMessage, requestId, requestUri) { }
    }

    /// <summary>400: the service rejected the request as malformed (bad marker, bad metadata, ...).</summary>
    public sealed class ComputeBadRequestException : ComputeApiException
    {
        /// <summary>Creates the exception.</summary>
        public ComputeBadRequestException(string message, string? faultCode = null, string? faultMessage = null, string? requestId = null, Uri? requestUri = null)
            : base(message, HttpStatusCode.BadRequest, faultCode, faultMessage, requestId, requestUri) { }
    }

    /// <summary>409: the resource is busy or in a state that forbids the operation.</summary>
    public sealed class ComputeConflictException : ComputeApiException
    {
        /// <summary>Creates the exception.</summary>
        public ComputeConflictException(string message, string? faultCode = null, string? faultMessage = null, string? requestId = null, Uri? requestUri = null)
            : base(message, HttpStatusCode.Conflict, faultCode, faultMessage, requestId, requestUri) { }
    }

    /// <summary>413 overLimit or 429: rate limited (after the retries the core allows).</summary>
    public sealed class ComputeRateLimitedException : ComputeApiException
    {
        /// <summary>Creates the exception.</summary>
        public ComputeRateLimitedException(string message, HttpStatusCode statusCode, TimeSpan? retryAfter, string? faultCode = null, string? faultMessage = null, string? requestId = null, Uri? requestUri = null)
            : base(message, statusCode, faultCode, faultMessage, requestId, requestUri)
        {
            RetryAfter = retryAfter;
        }

        /// <summary>How long the service asked us to wait (Retry-After), when it said.</summary>
        public TimeSpan? RetryAfter { get; }
    }

    /// <summary>502/503/504 after the retries, or the service could not be reached at all.</summary>
    public sealed class ComputeServiceUnavailableException : ComputeApiException
    {
        /// <summary>Creates the exception.</summary>
        public ComputeServiceUnavailableException(string message, HttpStatusCode? statusCode, string? faultCode = null, string? faultMessage = null, string? requestId = null, Uri? requestUri = null, Exception? innerException = null)
            : base(message, statusCode, faultCode, faultMessage, requestId, requestUri, innerException) { }
    }

    /// <summary>No answer within the request timeout.</summary>
    public sealed class ComputeTimeoutException : ComputeApiException
    {
        /// <summary>Creates the exception.</summary>
        public ComputeTimeoutException(string message, Uri? requestUri = null, Exception? innerException = null)
            : base(message, null, null, null, null, requestUri, innerException) { }
    }

    /// <summary>The -Region asked for is not in the service catalog, or several regions offer compute and none was chosen.</summary>
    public sealed class ComputeRegionNotFoundException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public ComputeRegionNotFoundException(string message, string? region, string[] availableRegions)
            : base(message)
        {
            Region = region;
            AvailableRegions = availableRegions;
        }

        /// <summary>The region that was asked for (null when none was).</summary>
        public string? Region { get; }

        /// <summary>The regions the catalog offers a compute endpoint in.</summary>
        public string[] AvailableRegions { get; }
    }

    /// <summary>No connection to use: Connect-ComputeService was not run, or the connection was closed.</summary>
    public sealed class ComputeNotConnectedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public ComputeNotConnectedException(string message) : base(message) { }
    }
}
