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

    /// <summary>Keystone's and webob's reason phrase for a status ("title").</summary>
    public static string TitleFor(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        409 => "Conflict",
        413 => "Request Entity Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };

    public static Task WriteAsync(HttpContext http, int status, string? message = null, string? details = null, int? retryAfterSeconds = null,
        FaultShape shape = FaultShape.Nova)
    {
        if (retryAfterSeconds is int retry)
        {
            http.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (status == 401)
        {
            http.Response.Headers.WWWAuthenticate = "Keystone uri=\"" + IdentityUri(http) + "\"";
        }
        return JsonOut.WriteAsync(http, status, w =>
        {
            w.WriteStartObject();
            switch (shape)
            {
                case FaultShape.Keystone:
                    w.WriteStartObject("error");
                    w.WriteNumber("code", status);
                    w.WriteString("title", TitleFor(status));
                    w.WriteString("message", message ?? DefaultMessage(status));
                    w.WriteEndObject();
                    break;
                case FaultShape.Routes:
                    w.WriteString("message", message ?? DefaultMessage(status));
                    w.WriteString("code", status.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + TitleFor(status));
                    w.WriteString("title", TitleFor(status));
                    break;
                default:
                    w.WriteStartObject(NameFor(status));
                    w.WriteNumber("code", status);
                    w.WriteString("message", message ?? DefaultMessage(status));
                    if (details is not null) w.WriteString("details", details);
                    w.WriteEndObject();
                    break;
            }
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// The uri of <c>WWW-Authenticate: Keystone uri="..."</c>: Keystone itself names its versioned URL (/v3, /v2.0);
    /// keystonemiddleware in front of compute names the unversioned identity root (its www_authenticate_uri).
    /// </summary>
    private static string IdentityUri(HttpContext http)
    {
        string path = http.Request.Path.Value ?? "/";
        string root = Links.BaseUrl(http);
        if (path.StartsWith("/v3", System.StringComparison.Ordinal)) return root + "v3";
        if (path.StartsWith("/v2.0", System.StringComparison.Ordinal)) return root + "v2.0";
        return root;
    }

    /// <summary>The shape an error of this path and status gets when the handler did not choose one (e.g. injected faults).</summary>
    public static FaultShape DefaultShape(HttpContext http, int status)
    {
        string path = http.Request.Path.Value ?? "/";
        if (path.StartsWith("/v3", System.StringComparison.Ordinal)) return FaultShape.Keystone;
        if (path.StartsWith("/v2.0", System.StringComparison.Ordinal) || path.StartsWith("/_emulator", System.StringComparison.Ordinal) || path == "/") return FaultShape.Nova;
        return status == 401 ? FaultShape.Keystone : FaultShape.Nova;
    }
}
