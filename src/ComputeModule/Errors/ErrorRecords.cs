using System;
using System.Management.Automation;
using System.Net;

namespace ComputeModule.Errors
{
    /// <summary>The one place that turns exceptions into ErrorRecords: stable ids, accurate categories.</summary>
    internal static class ErrorRecords
    {
        /// <summary>Error ids from the design contract, as constants so cmdlets don't misspell them.</summary>
        public const string NotConnected = "NotConnected";
        public const string AuthenticationFailed = "AuthenticationFailed";
        public const string RegionNotFound = "RegionNotFound";
        public const string Conflict = "Conflict";
        public const string RateLimited = "RateLimited";
        public const string ServiceUnavailable = "ServiceUnavailable";
        public const string OperationTimeout = "OperationTimeout";
        public const string BadRequest = "BadRequest";
        public const string ComputeFault = "ComputeFault";
        public const string InvalidParameter = "InvalidParameter";
        public const string PagingLoop = "PagingLoop";

        /// <summary>Builds the record for <paramref name="e"/> with the given id (null: the default id for its type).</summary>
        public static ErrorRecord From(Exception e, string? errorId, object? target)
        {
            if (e == null) throw new ArgumentNullException(nameof(e));
            var record = new ErrorRecord(e, errorId ?? DefaultErrorId(e), CategoryOf(e), target);
            if (e is ComputeUnauthorizedException)
            {
                record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = "Run Connect-ComputeService again." };
            }
            return record;
        }

        /// <summary>The error id used when the caller has no more specific one (ServerNotFound is the caller's business).</summary>
        public static string DefaultErrorId(Exception e)
        {
            switch (e)
            {
                case ComputeNotConnectedException _: return NotConnected;
                case ComputeRegionNotFoundException _: return RegionNotFound;
                case ComputeUnauthorizedException _: return AuthenticationFailed;
                case ComputeConflictException _: return Conflict;
                case ComputeRateLimitedException _: return RateLimited;
                case ComputeServiceUnavailableException _: return ServiceUnavailable;
                case ComputeTimeoutException _: return OperationTimeout;
                case TimeoutException _: return OperationTimeout;
                case ComputeBadRequestException _: return BadRequest;
                case ComputeApiException _: return ComputeFault;
                case ArgumentException _: return InvalidParameter;
                default: return ComputeFault;
            }
        }

        /// <summary>The ErrorCategory per STYLE.md.</summary>
        public static ErrorCategory CategoryOf(Exception e)
        {
            switch (e)
            {
                case ComputeNotConnectedException _: return ErrorCategory.ConnectionError;
                case ComputeRegionNotFoundException _: return ErrorCategory.ObjectNotFound;
                case ComputeNotFoundException _: return ErrorCategory.ObjectNotFound;
                case ComputeUnauthorizedException _: return ErrorCategory.AuthenticationError;
                case ComputeForbiddenException _: return ErrorCategory.PermissionDenied;
                case ComputeConflictException _: return ErrorCategory.ResourceBusy;
                case ComputeBadRequestException _: return ErrorCategory.InvalidArgument;
                case ComputeRateLimitedException _: return ErrorCategory.ResourceUnavailable;
                case ComputeServiceUnavailableException _: return ErrorCategory.ResourceUnavailable;
                case ComputeTimeoutException _: return ErrorCategory.OperationTimeout;
                case TimeoutException _: return ErrorCategory.OperationTimeout;
                case ComputeApiException api when api.StatusCode == HttpStatusCode.NotImplemented: return ErrorCategory.NotImplemented;
                case ComputeApiException api when api.StatusCode.HasValue && (int)api.StatusCode.Value >= 500: return ErrorCategory.InvalidResult;
                case ComputeApiException _: return ErrorCategory.InvalidOperation;
                case ArgumentException _: return ErrorCategory.InvalidArgument;
                case OperationCanceledException _: return ErrorCategory.OperationStopped;
                default: return ErrorCategory.NotSpecified;
            }
        }

        /// <summary>The terminating error for a cmdlet run with no connection.</summary>
        public static ErrorRecord NotConnectedRecord(string? detail = null)
        {
            var e = new ComputeNotConnectedException(detail ??
                "Not connected to a compute service. Run Connect-ComputeService first, or pass -Connection.");
            var record = From(e, NotConnected, null);
            record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = "Run Connect-ComputeService." };
            return record;
        }

        /// <summary>A parameter value refused before any request was made.</summary>
        public static ErrorRecord InvalidArgument(string message, string errorId, object? target)
            => new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);
    }
}
