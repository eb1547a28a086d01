using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ComputeEmulator.Http;

/// <summary>Nova fault bodies: <c>{"itemNotFound": {"code": 404, "message": "..."}}</c>.</summary>
internal static class Faults
{
    /// <summary>The fault element name for a status code (HP reference's table; 500 is Nova's computeFault).</summary>
    public static string NameFor(int status) => status switch
    {
        400 => "badRequest",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "itemNotFound",
        405 => "badMethod",
        406 => "notAcceptable",
        409 => "inProgress",
        413 => "overLimit",
        415 => "badMediaType",
        429 => "overLimit",
        501 => "notImplemented",
        503 => "serviceUnavailable",
        _ => "computeFault",
    };

    public static string DefaultMessage(int status) => status switch
    {
        400 => "Bad request.",
        401 => "The request you have made requires authentication.",
        403 => "Policy doesn't allow this operation to be performed.",
        404 => "The resource could not be found.",
        405 => "The method is not allowed for the requested URL.",
        409 => "There was a conflict when trying to complete your request.",
        413 or 429 => "This request was rate-limited.",
        503 => "The service is temporarily unavailable.",
        _ => "The server has either erred or is incapable of performing the requested operation.",
    };

    public static Task WriteAsync(HttpContext http, int status, string? message = null, string? details = null, int? retryAfterSeconds = null)
    {
        if (retryAfterSeconds is int retry)
        {
            http.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (status == 401)
        {
            http.Response.Headers.WWWAuthenticate = "Keystone uri=\"" + Links.BaseUrl(http) + "v3\"";
        }
        return JsonOut.WriteAsync(http, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject(NameFor(status));
            w.WriteNumber("code", status);
            w.WriteString("message", message ?? DefaultMessage(status));
            if (details is not null) w.WriteString("details", details);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
