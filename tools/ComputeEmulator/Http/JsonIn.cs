using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ComputeEmulator.Http;

/// <summary>Reads request bodies defensively: size cap, malformed JSON and wrong types become 400/413 faults.</summary>
internal static class JsonIn
{
    public static async Task<JsonElement> ReadAsync(HttpContext http, int maxBytes) =>
        await ReadOptionalAsync(http, maxBytes) ?? throw ApiException.BadRequest("Malformed request body: the body is empty.");

    /// <summary>The parsed body, or null when there is none (empty or whitespace only).</summary>
    public static async Task<JsonElement?> ReadOptionalAsync(HttpContext http, int maxBytes)
    {
        if (http.Request.ContentLength is long declared && declared > maxBytes)
        {
            throw ApiException.OverLimit("Request is too large.");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            int read = await http.Request.Body.ReadAsync(chunk);
            if (read == 0) break;
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) throw ApiException.OverLimit("Request is too large.");
        }
        if (buffer.ToArray().All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return null;
        try
        {
            using var doc = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest("Malformed request body: " + e.Message);
        }
    }

    /// <summary>The object under <paramref name="name"/> of a body that must be an object.</summary>
    public static JsonElement RequireObject(JsonElement body, string name)
    {
        if (body.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("Malformed request body: expected a JSON object.");
        if (!body.TryGetProperty(name, out var inner)) throw ApiException.BadRequest($"Malformed request body: '{name}' is required.");
        if (inner.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest($"Invalid input: '{name}' must be an object.");
        return inner;
    }

    public static string? OptionalString(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) throw ApiException.BadRequest($"Invalid input for field '{name}': expected a string.");
        return v.GetString();
    }

    public static string RequireString(JsonElement obj, string name)
    {
        var s = OptionalString(obj, name);
        if (string.IsNullOrEmpty(s)) throw ApiException.BadRequest($"Invalid input: '{name}' is a required string.");
        return s;
    }

    /// <summary>A string or number id/ref ("100" or 100), as Nova accepts both.</summary>
    public static string? OptionalRef(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw ApiException.BadRequest($"Invalid input for field '{name}': expected a string."),
        };
    }

    /// <summary>An integer given as a JSON number or a numeric string.</summary>
    public static int? OptionalInt(JsonElement obj, string name, bool allowString = true)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n)) return n;
        if (allowString && v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out n)) return n;
        throw ApiException.BadRequest($"Invalid input for field '{name}': expected an integer.");
    }

    /// <summary>A metadata map: an object of string values (keys 1..255, values 0..255 chars), with Nova's JSON-schema error texts.</summary>
    public static Dictionary<string, string> Metadata(JsonElement value, string field = "metadata")
    {
        if (value.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest($"Invalid input for field '{field}': expected an object.");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in value.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String) throw ApiException.BadRequest($"Invalid metadata value for key '{Clip(p.Name)}': values must be strings.");
            string item = p.Value.GetString()!;
            if (p.Name.Length is 0 or > 255)
            {
                throw ApiException.BadRequest($"Invalid input for field/attribute {field}. Value: {PyRepr(value)}. {PyStr(p.Name)} does not match any of the regexes: '^[a-zA-Z0-9-_:. ]{{1,255}}$'");
            }
            if (item.Length > 255) throw ApiException.BadRequest($"Invalid input for field/attribute {p.Name}. Value: {item}. {PyStr(item)} is too long");
            map[p.Name] = item;
        }
        return map;
    }

    /// <summary>Python's repr of a string, as Nova's validation messages quote values.</summary>
    private static string PyStr(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>Python's repr of a JSON object of strings: {'k': 'v'}.</summary>
    private static string PyRepr(JsonElement obj) =>
        "{" + string.Join(", ", obj.EnumerateObject().Select(p => PyStr(p.Name) + ": " + (p.Value.ValueKind == JsonValueKind.String ? PyStr(p.Value.GetString()!) : p.Value.GetRawText()))) + "}";

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "..." : s;
}
