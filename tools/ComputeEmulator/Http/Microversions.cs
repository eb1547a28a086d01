using System;
using Microsoft.AspNetCore.Http;

namespace ComputeEmulator.Http;

/// <summary>Compute microversion headers: only 2.1 exists here (min = max = 2.1); "latest" means 2.1.</summary>
internal static class Microversions
{
    public const string Current = "2.1";

    public static void Apply(HttpContext http, bool validate = true)
    {
        string? requested = null;
        foreach (var value in http.Request.Headers["OpenStack-API-Version"])
        {
            foreach (var part in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var pieces = part.Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (pieces.Length == 2 && string.Equals(pieces[0], "compute", StringComparison.OrdinalIgnoreCase)) requested = pieces[1];
            }
        }
        if (requested is null)
        {
            var legacy = http.Request.Headers["X-OpenStack-Nova-API-Version"].ToString();
            if (legacy.Length > 0) requested = legacy.Trim();
        }
        if (validate && requested is not null && !string.Equals(requested, "latest", StringComparison.OrdinalIgnoreCase))
        {
            var parts = requested.Split('.');
            if (parts.Length != 2 || !int.TryParse(parts[0], out int major) || !int.TryParse(parts[1], out int minor))
            {
                throw ApiException.BadRequest($"API Version String {requested} is of invalid format. Must be of format MajorNum.MinorNum.");
            }
            if (major != 2 || minor != 1)
            {
                throw new ApiException(406, $"Version {requested} is not supported by the API. Minimum is {Current} and maximum is {Current}.");
            }
        }
        var headers = http.Response.Headers;
        headers["OpenStack-API-Version"] = "compute " + Current;
        headers["X-OpenStack-Nova-API-Version"] = Current;
        headers.Vary = "OpenStack-API-Version, X-OpenStack-Nova-API-Version";
    }
}
