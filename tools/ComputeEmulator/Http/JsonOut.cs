using System;
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ComputeEmulator.Http;

/// <summary>Writes JSON bodies: serialised into a buffer first, so the handler's elapsed time and the length are known before the headers go out.</summary>
internal static class JsonOut
{
    public const string ElapsedHeader = "X-Emulator-Elapsed-Ms";
    private static readonly object StartKey = new();

    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Marks the moment the handler starts (for X-Emulator-Elapsed-Ms).</summary>
    public static void MarkStart(HttpContext http) => http.Items[StartKey] = Stopwatch.GetTimestamp();

    public static async Task WriteAsync(HttpContext http, int status, Action<Utf8JsonWriter> body, int sizeHint = 4096)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, sizeHint));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            body(writer);
        }
        SetElapsed(http);
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory);
    }

    /// <summary>A response without a body (202, 204 ...).</summary>
    public static Task EmptyAsync(HttpContext http, int status)
    {
        SetElapsed(http);
        http.Response.StatusCode = status;
        if (status != 204) http.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private static void SetElapsed(HttpContext http)
    {
        if (http.Items.TryGetValue(StartKey, out var start) && start is long ts)
        {
            double ms = Stopwatch.GetElapsedTime(ts).TotalMilliseconds;
            http.Response.Headers[ElapsedHeader] = ms.ToString("0.###", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Nova's timestamp form: 2012-11-01T03:58:01Z.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Keystone's timestamp form with microseconds: 2012-11-01T03:58:01.000000Z.</summary>
    public static string TimeMicro(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static void WriteLink(Utf8JsonWriter w, string rel, string href, string? type = null)
    {
        w.WriteStartObject();
        w.WriteString("rel", rel);
        w.WriteString("href", href);
        if (type is not null) w.WriteString("type", type);
        w.WriteEndObject();
    }

    public static void WriteStringMap(Utf8JsonWriter w, string name, System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, string>> map)
    {
        w.WriteStartObject(name);
        foreach (var kv in map) w.WriteString(kv.Key, kv.Value);
        w.WriteEndObject();
    }
}
