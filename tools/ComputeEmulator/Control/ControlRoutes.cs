using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.Http;
using ComputeEmulator.State;
using Microsoft.AspNetCore.Http;

namespace ComputeEmulator.Control;

/// <summary>The control API under /_emulator (never logged, never faulted). See README.md.</summary>
internal static class ControlRoutes
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static Task HandleAsync(HttpContext http, EmulatorState state)
    {
        string path = (http.Request.Path.Value ?? "").TrimEnd('/');
        string method = http.Request.Method;
        return (method, path) switch
        {
            ("POST", "/_emulator/reset") => ResetAsync(http, state),
            ("POST", "/_emulator/seed") => SeedAsync(http, state),
            ("GET", "/_emulator/requests") => RequestsAsync(http, state),
            ("DELETE", "/_emulator/requests") => Done(http, state.Log.Clear),
            ("PUT", "/_emulator/faults") => FaultsAsync(http, state),
            ("DELETE", "/_emulator/faults") => Done(http, state.Faults.Clear),
            ("POST", "/_emulator/tokens/expire") => Done(http, () => state.Tokens.ExpireAll(state.Now())),
            ("POST", "/_emulator/schedules/run") => RunSchedulesAsync(http, state),
            ("PUT", "/_emulator/ratelimits") => RateLimitsAsync(http, state),
            ("DELETE", "/_emulator/ratelimits") => Done(http, () => state.ResetRateLimits()),
            ("PUT", "/_emulator/config") => ConfigAsync(http, state),
            ("GET", "/_emulator/config") => WriteConfigAsync(http, state),
            _ => throw ApiException.NotFound($"No control route {method} {path}."),
        };
    }

    private static Task Done(HttpContext http, Action action)
    {
        action();
        return JsonOut.EmptyAsync(http, 204);
    }

    private static Task ResetAsync(HttpContext http, EmulatorState state)
    {
        state.Reset();
        return JsonOut.EmptyAsync(http, 204);
    }

    private static async Task<JsonElement?> OptionalBodyAsync(HttpContext http, EmulatorState state)
    {
        var body = await JsonIn.ReadOptionalAsync(http, state.Options.MaxRequestBodyBytes);
        if (body is null || body.Value.ValueKind == JsonValueKind.Null) return null;
        if (body.Value.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("Expected a JSON object.");
        return body;
    }

    private static async Task SeedAsync(HttpContext http, EmulatorState state)
    {
        var body = await OptionalBodyAsync(http, state) ?? throw ApiException.BadRequest("Expected {\"servers\":N,\"images\":M,\"seed\":S,\"region\":\"...\"}.");
        int servers = JsonIn.OptionalInt(body, "servers", allowString: false) ?? 0;
        int images = JsonIn.OptionalInt(body, "images", allowString: false) ?? 0;
        int seed = JsonIn.OptionalInt(body, "seed", allowString: false) ?? 1;
        if (servers < 0 || images < 0 || servers > 2_000_000 || images > 2_000_000) throw ApiException.BadRequest("servers and images must be 0..2000000.");
        string? regionName = JsonIn.OptionalString(body, "region");
        if (string.IsNullOrEmpty(regionName)) regionName = state.Regions[0].Name;
        var region = state.Region(regionName) ?? throw ApiException.NotFound($"Region {regionName} does not exist.");
        var (s, i) = Seeder.Seed(region, servers, images, seed, state.Now());
        await JsonOut.WriteAsync(http, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("servers", s);
            w.WriteNumber("images", i);
            w.WriteEndObject();
        });
    }

    private static Task RequestsAsync(HttpContext http, EmulatorState state)
    {
        var entries = state.Log.Snapshot();
        return JsonOut.WriteAsync(http, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("requests");
            foreach (var e in entries)
            {
                w.WriteStartObject();
                w.WriteString("method", e.Method);
                w.WriteString("path", e.Path);
                w.WriteString("query", e.Query);
                w.WriteNumber("status", e.Status);
                w.WriteString("time", e.Time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteNumber("durationMs", Math.Round(e.DurationMs, 3));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task FaultsAsync(HttpContext http, EmulatorState state)
    {
        var body = await OptionalBodyAsync(http, state) ?? throw ApiException.BadRequest("Expected a fault settings object.");
        FaultSettings settings;
        try
        {
            settings = body.Deserialize<FaultSettings>(Json) ?? new FaultSettings();
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest("Invalid fault settings: " + e.Message);
        }
        settings.StatusCodes ??= [503]; // "statusCodes": null
        if (settings.ErrorRate is < 0 or > 1 || settings.DropRate is < 0 or > 1 || settings.TruncateRate is < 0 or > 1)
            throw ApiException.BadRequest("errorRate, dropRate and truncateRate must be 0..1.");
        if (settings.LatencyMs < 0 || settings.JitterMs < 0 || settings.Count < 0) throw ApiException.BadRequest("latencyMs, jitterMs and count must not be negative.");
        if (settings.StatusCodes.Any(c => c < 400 || c > 599)) throw ApiException.BadRequest("statusCodes must be 400..599.");
        try
        {
            state.Faults.Set(settings);
        }
        catch (ArgumentException e)
        {
            throw ApiException.BadRequest("Invalid pathPattern: " + e.Message);
        }
        await JsonOut.EmptyAsync(http, 204);
    }

    private static async Task RunSchedulesAsync(HttpContext http, EmulatorState state)
    {
        var body = await OptionalBodyAsync(http, state);
        string? regionName = body is { } b ? JsonIn.OptionalString(b, "region") : null;
        IEnumerable<RegionState> regions = state.Regions;
        if (!string.IsNullOrEmpty(regionName)) regions = [state.Region(regionName) ?? throw ApiException.NotFound($"Region {regionName} does not exist.")];
        var created = new List<string>();
        var deleted = new List<string>();
        var now = state.Now();
        foreach (var region in regions)
        {
            var (c, d) = Snapshots.RunSchedules(region, now, state.UserId);
            created.AddRange(c);
            deleted.AddRange(d);
        }
        await JsonOut.WriteAsync(http, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("created");
            foreach (var id in created) w.WriteStringValue(id);
            w.WriteEndArray();
            w.WriteStartArray("deleted");
            foreach (var id in deleted) w.WriteStringValue(id);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>PUT /_emulator/ratelimits {"limits":{"GET":10,"POST":5},"style":"Modern429"}.</summary>
    private static async Task RateLimitsAsync(HttpContext http, EmulatorState state)
    {
        var body = await OptionalBodyAsync(http, state) ?? throw ApiException.BadRequest("Expected {\"limits\":{\"GET\":N},\"style\":\"Legacy413|Modern429\"}.");
        var limits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (body.TryGetProperty("limits", out var l))
        {
            if (l.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("limits must be an object of verb: requests per minute.");
            foreach (var p in l.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt32(out int n) || n < 0) throw ApiException.BadRequest($"Limit for {p.Name} must be a non-negative integer.");
                limits[p.Name.ToUpperInvariant()] = n;
            }
        }
        var style = state.RateLimitStyle;
        if (JsonIn.OptionalString(body, "style") is string s && !Enum.TryParse(s, true, out style)) throw ApiException.BadRequest("style must be Legacy413 or Modern429.");
        state.RateLimiter.Clear();
        state.RateLimits = limits;
        state.RateLimitStyle = style;
        await JsonOut.EmptyAsync(http, 204);
    }

    /// <summary>PUT /_emulator/config {"buildDelayMs":0,"snapshotDurationMs":0,"maxPageSize":..,"maxImageMeta":..,"maxServerMeta":..,"tokenLifetimeSeconds":..,"metadataLimitStyle":"Forbidden403","scheduledImages":false}.</summary>
    private static async Task ConfigAsync(HttpContext http, EmulatorState state)
    {
        var body = await OptionalBodyAsync(http, state) ?? throw ApiException.BadRequest("Expected a config object.");
        var o = state.Options;
        int? build = JsonIn.OptionalInt(body, "buildDelayMs", false);
        int? snap = JsonIn.OptionalInt(body, "snapshotDurationMs", false);
        int? page = JsonIn.OptionalInt(body, "maxPageSize", false);
        int? imageMeta = JsonIn.OptionalInt(body, "maxImageMeta", false);
        int? serverMeta = JsonIn.OptionalInt(body, "maxServerMeta", false);
        int? lifetime = JsonIn.OptionalInt(body, "tokenLifetimeSeconds", false);
        if (build < 0 || snap < 0 || page < 1 || imageMeta < 0 || serverMeta < 0 || lifetime < 1) throw ApiException.BadRequest("Values out of range.");
        MetadataLimitStyle? limitStyle = null;
        if (JsonIn.OptionalString(body, "metadataLimitStyle") is string ls)
        {
            if (!Enum.TryParse(ls, true, out MetadataLimitStyle parsed) || !Enum.IsDefined(parsed)) throw ApiException.BadRequest("metadataLimitStyle must be OverLimit413 or Forbidden403.");
            limitStyle = parsed;
        }
        bool? scheduledImages = null;
        if (body.TryGetProperty("scheduledImages", out var si) && si.ValueKind != JsonValueKind.Null)
        {
            if (si.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw ApiException.BadRequest("scheduledImages must be true or false.");
            scheduledImages = si.GetBoolean();
        }
        if (build is int b) o.BuildDelay = TimeSpan.FromMilliseconds(b);
        if (snap is int sd) o.SnapshotDuration = TimeSpan.FromMilliseconds(sd);
        if (page is int p) o.MaxPageSize = p;
        if (imageMeta is int im) o.MaxImageMeta = im;
        if (serverMeta is int sm) o.MaxServerMeta = sm;
        if (lifetime is int lt) o.TokenLifetime = TimeSpan.FromSeconds(lt);
        if (limitStyle is { } style) o.MetadataLimitStyle = style;
        if (scheduledImages is bool on) o.ScheduledImages = on;
        await WriteConfigAsync(http, state);
    }

    private static Task WriteConfigAsync(HttpContext http, EmulatorState state)
    {
        var o = state.Options;
        return JsonOut.WriteAsync(http, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("buildDelayMs", (long)o.BuildDelay.TotalMilliseconds);
            w.WriteNumber("snapshotDurationMs", (long)o.SnapshotDuration.TotalMilliseconds);
            w.WriteNumber("maxPageSize", o.MaxPageSize);
            w.WriteNumber("maxImageMeta", o.MaxImageMeta);
            w.WriteNumber("maxServerMeta", o.MaxServerMeta);
            w.WriteNumber("tokenLifetimeSeconds", (long)o.TokenLifetime.TotalSeconds);
            w.WriteString("metadataLimitStyle", o.MetadataLimitStyle.ToString());
            w.WriteBoolean("scheduledImages", o.ScheduledImages);
            w.WriteString("idStyle", o.IdStyle.ToString());
            w.WriteStartArray("regions");
            foreach (var r in state.Regions) w.WriteStringValue(r.Name);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
