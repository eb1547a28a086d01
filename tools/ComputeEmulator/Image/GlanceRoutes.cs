using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.Http;
using ComputeEmulator.State;
using Microsoft.AspNetCore.Http;

namespace ComputeEmulator.Image;

/// <summary>
/// A read-only Glance v2 view of the same images (under "/image", "/{Region}/image"), because openstackclient
/// looks image names up in the image service: versions, GET /v2/images (limit/marker, "next"), GET /v2/images/{id};
/// also GET /images/{id}, where createImage's Location points (as Nova's points at Glance).
/// </summary>
internal static class GlanceRoutes
{
    public static Task HandleAsync(HttpContext http, EmulatorState state, RegionState region, string root, string[] rest)
    {
        JsonOut.MarkStart(http);
        if (rest.Length == 0 || (rest.Length == 1 && rest[0] is "v2" or "versions"))
        {
            return http.Request.Method == "GET" ? VersionsAsync(http, root) : throw new ApiException(405, "The method is not allowed for the requested URL.");
        }
        if (state.Tokens.Validate(http.Request.Headers["X-Auth-Token"].ToString(), state.Now()) is null)
        {
            throw ApiException.AuthMiddleware();
        }
        // "{image endpoint}/images/{id}" is the URL Nova puts in createImage's Location (and in the "alternate" image
        // link); Glance's version negotiation serves it as v2, so it is the same read-only view here.
        if (rest[0] == "images") rest = ["v2", .. rest];
        if (rest[0] != "v2" || rest.Length < 2 || rest[1] != "images" || rest.Length > 3) throw ApiException.NotFound("The resource could not be found.");
        if (http.Request.Method != "GET") throw new ApiException(405, "The method is not allowed for the requested URL.");
        return rest.Length == 2 ? ListAsync(http, state, region) : GetAsync(http, state, region, rest[2]);
    }

    private static Task VersionsAsync(HttpContext http, string root) =>
        JsonOut.WriteAsync(http, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("versions");
            foreach (var (id, status) in new[] { ("v2.9", "CURRENT"), ("v2.0", "SUPPORTED") })
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("status", status);
                w.WriteStartArray("links");
                JsonOut.WriteLink(w, "self", root + "v2/");
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static Task ListAsync(HttpContext http, EmulatorState state, RegionState region)
    {
        var q = http.Request.Query;
        int max = Math.Max(1, state.Options.MaxPageSize);
        int limit = max;
        if (q.TryGetValue("limit", out var l) && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit))) throw ApiException.BadRequest("limit param must be an integer");
        limit = Math.Min(limit, max);
        string? marker = q.TryGetValue("marker", out var m) ? m.ToString() : null;
        string? name = q.TryGetValue("name", out var n) ? n.ToString() : null;
        string? id = q.TryGetValue("id", out var i) ? i.ToString() : null;
        var now = state.Now();
        var page = region.Images.Page(string.IsNullOrEmpty(marker) ? null : marker, limit, img => !img.Deleted && (name is null || img.Name == name) && (id is null || img.Id == id));
        return JsonOut.WriteAsync(http, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("images");
            foreach (var img in page) Write(w, state, img, now);
            w.WriteEndArray();
            w.WriteString("first", "/v2/images");
            w.WriteString("schema", "/v2/schemas/images");
            if (page.Count == limit && limit > 0) w.WriteString("next", "/v2/images?marker=" + Uri.EscapeDataString(page[^1].Id) + "&limit=" + limit.ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
        });
    }

    private static Task GetAsync(HttpContext http, EmulatorState state, RegionState region, string id)
    {
        var image = region.Images.Get(id) ?? throw ApiException.NotFound($"No image found with ID {id}");
        return JsonOut.WriteAsync(http, 200, w => Write(w, state, image, state.Now()));
    }

    private static void Write(Utf8JsonWriter w, EmulatorState state, ImageRecord i, DateTimeOffset now)
    {
        string status = i.Status(now) switch { "SAVING" => "saving", "DELETED" => "deleted", _ => "active" };
        w.WriteStartObject();
        // Image properties are top-level in Glance v2; the fixed fields below win over same-named metadata.
        foreach (var kv in i.Metadata.Where(kv => !Reserved.Contains(kv.Key))) w.WriteString(kv.Key, kv.Value);
        w.WriteString("id", i.Id);
        w.WriteString("name", i.Name);
        w.WriteString("status", status);
        w.WriteString("visibility", i.IsSnapshot ? "private" : "public");
        w.WriteBoolean("protected", false);
        w.WriteBoolean("os_hidden", false);
        w.WriteStartArray("tags");
        w.WriteEndArray();
        w.WriteString("container_format", "bare");
        w.WriteString("disk_format", "qcow2");
        w.WriteNumber("min_disk", i.MinDisk);
        w.WriteNumber("min_ram", i.MinRam);
        if (status == "active") w.WriteNumber("size", i.Size); else w.WriteNull("size");
        w.WriteNull("virtual_size");
        w.WriteString("owner", i.IsSnapshot ? state.Options.TenantId : "admin");
        w.WriteString("created_at", JsonOut.Time(i.Created));
        w.WriteString("updated_at", JsonOut.Time(i.EffectiveUpdated(now)));
        w.WriteString("self", "/v2/images/" + i.Id);
        w.WriteString("file", "/v2/images/" + i.Id + "/file");
        w.WriteString("schema", "/v2/schemas/image");
        w.WriteEndObject();
    }

    private static readonly System.Collections.Generic.HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "id", "name", "status", "visibility", "protected", "os_hidden", "tags", "container_format", "disk_format", "min_disk",
        "min_ram", "size", "virtual_size", "owner", "created_at", "updated_at", "self", "file", "schema", "checksum",
    };
}
