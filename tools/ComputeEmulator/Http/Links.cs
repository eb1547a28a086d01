using Microsoft.AspNetCore.Http;

namespace ComputeEmulator.Http;

/// <summary>Absolute URLs built from the request's own scheme and host, so any bind address works.</summary>
internal static class Links
{
    /// <summary>"http://host:port/" (always ends with '/').</summary>
    public static string BaseUrl(HttpContext http)
    {
        var req = http.Request;
        return req.Scheme + "://" + req.Host.Value + req.PathBase.Value + "/";
    }
}
