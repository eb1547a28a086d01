using System;

namespace ComputeEmulator.Http;

/// <summary>The body shape of an error answer.</summary>
internal enum FaultShape
{
    /// <summary>Nova (and the HP/Rackspace references): <c>{"itemNotFound":{"code":404,"message":...}}</c>.</summary>
    Nova,
    /// <summary>Keystone and keystonemiddleware: <c>{"error":{"code":401,"title":"Unauthorized","message":...}}</c>.</summary>
    Keystone,
    /// <summary>Nova's routes layer for a path it has no route for: <c>{"message":...,"code":"404 Not Found","title":"Not Found"}</c>.</summary>
    Routes,
}

/// <summary>Thrown by handlers and stores; the dispatcher turns it into a fault body (Nova's unless <see cref="Shape"/> says otherwise).</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int status, string message, string? details = null, int? retryAfterSeconds = null, FaultShape shape = FaultShape.Nova)
        : base(message)
    {
        Status = status;
        Details = details;
        RetryAfterSeconds = retryAfterSeconds;
        Shape = shape;
    }

    public int Status { get; }
    public string? Details { get; }
    public int? RetryAfterSeconds { get; }
    public FaultShape Shape { get; }

    /// <summary>
    /// keystonemiddleware's 401 in front of compute (and the image view): <c>{"error":{...}}</c> plus
    /// <c>WWW-Authenticate: Keystone uri="{identity root}"</c>, not Nova's own fault body.
    /// </summary>
    public static ApiException AuthMiddleware() => new(401, "The request you have made requires authentication.", shape: FaultShape.Keystone);

    /// <summary>The answer of Nova's routes layer for a path no API route serves (e.g. a disabled extension).</summary>
    public static ApiException NoRoute() => new(404, "The resource could not be found.<br /><br />\n\n\n", shape: FaultShape.Routes);

    public static ApiException BadRequest(string message) => new(400, message);
    public static ApiException NotFound(string message) => new(404, message);
    public static ApiException Conflict(string message) => new(409, message);
    public static ApiException OverLimit(string message) => new(413, message);

    /// <summary>
    /// Too many metadata items: 413 overLimit with <paramref name="legacyMessage"/> (the references), or Nova's 403
    /// forbidden ("Image metadata limit exceeded" for images, "Maximum number of metadata items exceeds N" for servers).
    /// </summary>
    public static ApiException MetadataLimit(EmulatorOptions options, bool image, string legacyMessage) =>
        options.MetadataLimitStyle == MetadataLimitStyle.Forbidden403
            ? new(403, image ? "Image metadata limit exceeded" : $"Maximum number of metadata items exceeds {options.MaxServerMeta}")
            : OverLimit(legacyMessage);
}
