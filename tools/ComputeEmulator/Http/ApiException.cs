using System;

namespace ComputeEmulator.Http;

/// <summary>Thrown by handlers and stores; the dispatcher turns it into a Nova fault body.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int status, string message, string? details = null, int? retryAfterSeconds = null)
        : base(message)
    {
        Status = status;
        Details = details;
        RetryAfterSeconds = retryAfterSeconds;
    }

    public int Status { get; }
    public string? Details { get; }
    public int? RetryAfterSeconds { get; }

    public static ApiException BadRequest(string message) => new(400, message);
    public static ApiException NotFound(string message) => new(404, message);
    public static ApiException Conflict(string message) => new(409, message);
    public static ApiException OverLimit(string message) => new(413, message);
}
