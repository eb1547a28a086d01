using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ComputeEmulator.Http;

namespace ComputeEmulator.Compute;

/// <summary>limit/marker/changes-since parsing and the rel=next link Nova sends whenever a page is full.</summary>
internal static class Paging
{
    /// <summary>The effective page size: the limit capped at MaxPageSize; 400 for non-integers or negatives.</summary>
    public static int Limit(ComputeRequest r)
    {
        string? raw = r.Query("limit");
        int max = Math.Max(1, r.Options.MaxPageSize);
        if (raw is null) return max;
        if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int limit))
        {
            throw ApiException.BadRequest("limit param must be an integer");
        }
        if (limit < 0) throw ApiException.BadRequest("limit param must be positive");
        return Math.Min(limit, max);
    }

    public static string? Marker(ComputeRequest r)
    {
        string? marker = r.Query("marker");
        return string.IsNullOrEmpty(marker) ? null : marker;
    }

    public static DateTimeOffset? ChangesSince(ComputeRequest r)
    {
        string? raw = r.Query("changes-since");
        if (raw is null) return null;
        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)) return t;
        throw ApiException.BadRequest($"Invalid input for query parameters changes-since. Value: {raw}. Expected a ISO 8601 date-time string.");
    }

    /// <summary>The last path segment of an id or a URL naming a resource (filters accept both).</summary>
    public static string RefId(string value)
    {
        int slash = value.TrimEnd('/').LastIndexOf('/');
        return slash < 0 ? value : value.TrimEnd('/')[(slash + 1)..];
    }

    /// <summary>Writes "{name}_links": [{"rel":"next",...}] when the page is full (so a final empty page may follow).</summary>
    public static void WriteNextLink(Utf8JsonWriter w, ComputeRequest r, string collection, string listPath, int count, int limit, string? lastId)
    {
        if (limit == 0 || count < limit || lastId is null) return;
        var query = new StringBuilder();
        foreach (var kv in r.Http.Request.Query)
        {
            if (kv.Key == "marker") continue;
            foreach (var v in kv.Value)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(kv.Key)).Append('=').Append(Uri.EscapeDataString(v ?? ""));
            }
        }
        if (r.Query("limit") is null) query.Append(query.Length == 0 ? '?' : '&').Append("limit=").Append(limit.ToString(CultureInfo.InvariantCulture));
        query.Append(query.Length == 0 ? '?' : '&').Append("marker=").Append(Uri.EscapeDataString(lastId));
        w.WriteStartArray(collection + "_links");
        JsonOut.WriteLink(w, "next", r.VersionBase + listPath + query);
        w.WriteEndArray();
    }
}
