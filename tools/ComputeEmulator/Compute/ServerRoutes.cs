using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ComputeEmulator.Http;
using ComputeEmulator.State;

namespace ComputeEmulator.Compute;

/// <summary>/servers: list, detail, get, create, rename, delete.</summary>
internal static class ServerRoutes
{
    public static void Map(ComputeRouter router)
    {
        router.Map("GET", "servers", r => ListAsync(r, detail: false))
              .Map("GET", "servers/detail", r => ListAsync(r, detail: true))
              .Map("POST", "servers", CreateAsync)
              .Map("GET", "servers/{}", GetAsync)
              .Map("PUT", "servers/{}", UpdateAsync)
              .Map("DELETE", "servers/{}", DeleteAsync);
    }

    private static Task ListAsync(ComputeRequest r, bool detail)
    {
        int limit = Paging.Limit(r);
        string? marker = Paging.Marker(r);
        var changesSince = Paging.ChangesSince(r);
        string? status = r.Query("status")?.ToUpperInvariant();
        string? image = r.Query("image") is string i ? Paging.RefId(i) : null;
        string? flavor = r.Query("flavor") is string f ? Paging.RefId(f) : null;
        Regex? name = NameFilter(r.Query("name"));
        bool includeDeleted = changesSince is not null || status == "DELETED";
        var now = r.Now;

        var page = r.Region.Servers.Page(marker, limit, s =>
            (includeDeleted || !s.Deleted)
            && (changesSince is null || s.EffectiveUpdated(now) >= changesSince.Value)
            && (status is null || s.Status(now) == status)
            && (image is null || s.ImageId == image)
            && (flavor is null || s.FlavorId == flavor)
            && (name is null || Matches(name, s.Name)));

        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("servers");
            foreach (var s in page)
            {
                if (detail) ServerJson.WriteDetail(w, r, s, now);
                else ServerJson.WriteBrief(w, r, s);
            }
            w.WriteEndArray();
            Paging.WriteNextLink(w, r, "servers", detail ? "servers/detail" : "servers", page.Count, limit, page.Count > 0 ? page[^1].Id : null);
            w.WriteEndObject();
        }, sizeHint: 512 + page.Count * (detail ? 1700 : 300));
    }

    /// <summary>Nova matches the name filter as a regular expression (re.search); a bad pattern is taken literally.</summary>
    private static Regex? NameFilter(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            return new Regex(value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return new Regex(Regex.Escape(value), RegexOptions.CultureInvariant);
        }
    }

    /// <summary>A pathological pattern that times out counts as no match rather than a 500.</summary>
    private static bool Matches(Regex regex, string name)
    {
        try
        {
            return regex.IsMatch(name);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static Task GetAsync(ComputeRequest r)
    {
        var s = r.RequireServer(r.Arg(0));
        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("server");
            ServerJson.WriteDetail(w, r, s, r.Now);
            w.WriteEndObject();
        });
    }

    private static async Task CreateAsync(ComputeRequest r)
    {
        var body = JsonIn.RequireObject(await r.BodyAsync(), "server");
        string name = ValidName(JsonIn.OptionalString(body, "name"));
        string imageRef = Paging.RefId(JsonIn.OptionalRef(body, "imageRef") ?? throw ApiException.BadRequest("Missing imageRef attribute"));
        string flavorRef = Paging.RefId(JsonIn.OptionalRef(body, "flavorRef") ?? throw ApiException.BadRequest("Missing flavorRef attribute"));
        var image = r.Region.Images.Get(imageRef) ?? throw ApiException.BadRequest("Can not find requested image");
        if (image.Status(r.Now) != "ACTIVE") throw ApiException.BadRequest($"Image {imageRef} is not active.");
        var flavor = Flavors.Find(flavorRef) ?? throw ApiException.BadRequest("Invalid flavorRef provided.");
        var metadata = body.TryGetProperty("metadata", out var m) && m.ValueKind != JsonValueKind.Null ? JsonIn.Metadata(m) : new Dictionary<string, string>();
        if (metadata.Count > r.Options.MaxServerMeta) throw ApiException.MetadataLimit(r.Options, image: false, $"Quota exceeded for metadata items: maximum is {r.Options.MaxServerMeta}.");
        string? keyName = JsonIn.OptionalString(body, "key_name");
        if (keyName is not null && r.Region.Keypairs.Get(keyName) is null) throw ApiException.BadRequest("Invalid key_name provided.");
        var groups = SecurityGroupsOf(r, body);
        int minCount = JsonIn.OptionalInt(body, "min_count") ?? 1;
        int maxCount = JsonIn.OptionalInt(body, "max_count") ?? minCount;
        if (minCount < 1 || maxCount < minCount || maxCount > 100) throw ApiException.BadRequest("min_count and max_count must be 1..100 with min_count <= max_count.");
        bool configDrive = body.TryGetProperty("config_drive", out var cd) && (cd.ValueKind == JsonValueKind.True || (cd.ValueKind == JsonValueKind.String && cd.GetString() is "true" or "True" or "1"));

        ServerRecord? first = null;
        for (int i = 0; i < maxCount; i++)
        {
            var server = ServerFactory.Build(r.Region, name, image.Id, flavor.Id, r.Now, r.Options.BuildDelay, metadata, keyName, groups,
                configDrive: configDrive, accessIPv4: JsonIn.OptionalString(body, "accessIPv4") ?? "", accessIPv6: JsonIn.OptionalString(body, "accessIPv6") ?? "");
            r.Region.Servers.Add(server);
            first ??= server;
        }
        string adminPass = JsonIn.OptionalString(body, "adminPass") ?? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(9));
        r.Http.Response.Headers.Location = r.VersionBase + "servers/" + first!.Id;
        await r.JsonAsync(202, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("server");
            ServerJson.WriteId(w, r, first);
            ServerJson.WriteLinks(w, r, "servers", first.Id);
            w.WriteString("adminPass", adminPass);
            w.WriteString("OS-DCF:diskConfig", "MANUAL");
            w.WriteStartArray("security_groups");
            foreach (var g in first.SecurityGroups)
            {
                w.WriteStartObject();
                w.WriteString("name", g);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static List<string> SecurityGroupsOf(ComputeRequest r, JsonElement body)
    {
        var groups = new List<string>();
        if (!body.TryGetProperty("security_groups", out var sg) || sg.ValueKind == JsonValueKind.Null) return ["default"];
        if (sg.ValueKind != JsonValueKind.Array) throw ApiException.BadRequest("Invalid input for field 'security_groups': expected an array.");
        foreach (var item in sg.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("Invalid input for field 'security_groups': items must be objects.");
            string groupName = JsonIn.RequireString(item, "name");
            if (r.Region.SecurityGroups.FindByName(groupName) is null)
                throw ApiException.BadRequest($"Security group {groupName} not found for project {r.TenantId}.");
            if (!groups.Contains(groupName)) groups.Add(groupName);
        }
        return groups.Count == 0 ? ["default"] : groups;
    }

    public static string ValidName(string? name)
    {
        if (name is null) throw ApiException.BadRequest("Invalid input for field/attribute name: 'name' is a required property.");
        if (name.Trim().Length == 0 || name.Length > 255) throw ApiException.BadRequest("Invalid input for field/attribute name: the name must be 1 to 255 characters and not only spaces.");
        return name;
    }

    private static async Task UpdateAsync(ComputeRequest r)
    {
        string id = r.Arg(0);
        r.RequireServer(id);
        var body = JsonIn.RequireObject(await r.BodyAsync(), "server");
        string? name = body.TryGetProperty("name", out _) ? ValidName(JsonIn.OptionalString(body, "name")) : null;
        string? v4 = JsonIn.OptionalString(body, "accessIPv4");
        string? v6 = JsonIn.OptionalString(body, "accessIPv6");
        var now = r.Now;
        var updated = r.Region.Servers.Update(id, s => s with
        {
            Name = name ?? s.Name,
            AccessIPv4 = v4 ?? s.AccessIPv4,
            AccessIPv6 = v6 ?? s.AccessIPv6,
            Updated = now,
        }) ?? throw ApiException.NotFound($"Instance {id} could not be found.");
        await r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("server");
            ServerJson.WriteDetail(w, r, updated, now);
            w.WriteEndObject();
        });
    }

    private static Task DeleteAsync(ComputeRequest r)
    {
        string id = r.Arg(0);
        var now = r.Now;
        var deleted = r.Region.Servers.Update(id, s => s with { Deleted = true, Updated = now, BusyStatus = null })
            ?? throw ApiException.NotFound($"Instance {id} could not be found.");
        r.Region.FloatingIps.ReleaseServer(deleted.Id);
        r.Region.Schedules.Remove(deleted.Id);
        return r.EmptyAsync(204);
    }
}
