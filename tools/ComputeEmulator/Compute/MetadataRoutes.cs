using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.Http;
using ComputeEmulator.State;

namespace ComputeEmulator.Compute;

/// <summary>
/// Metadata of servers and images, one behaviour for both (Rackspace/HP references): GET lists, POST merges,
/// PUT replaces, item GET/PUT/DELETE; the item PUT body must hold exactly the key of the URL.
/// </summary>
internal static class MetadataRoutes
{
    /// <summary>Reads and atomically rewrites the metadata of one owner.</summary>
    private sealed record Owner(
        Func<IReadOnlyDictionary<string, string>?> Read,
        Func<Func<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>>, IReadOnlyDictionary<string, string>?> Write,
        int MaxItems,
        string NotFound,
        Func<ApiException> LimitExceeded,
        string KeyNotFoundOnGet,
        string KeyNotFoundOnDelete);

    public static void Map(ComputeRouter router)
    {
        foreach (var (collection, owner) in new (string, Func<ComputeRequest, Owner>)[] { ("servers", ServerOwner), ("images", ImageOwner) })
        {
            router.Map("GET", collection + "/{}/metadata", r => ListAsync(r, owner(r)))
                  .Map("POST", collection + "/{}/metadata", r => MergeAsync(r, owner(r), replace: false))
                  .Map("PUT", collection + "/{}/metadata", r => MergeAsync(r, owner(r), replace: true))
                  .Map("GET", collection + "/{}/metadata/{}", r => GetItemAsync(r, owner(r)))
                  .Map("PUT", collection + "/{}/metadata/{}", r => PutItemAsync(r, owner(r)))
                  .Map("DELETE", collection + "/{}/metadata/{}", r => DeleteItemAsync(r, owner(r)));
        }
    }

    private static Owner ServerOwner(ComputeRequest r)
    {
        string id = r.Arg(0);
        var now = r.Now;
        return new Owner(
            () => r.Region.Servers.Get(id)?.Metadata,
            change => r.Region.Servers.Update(id, s => s with { Metadata = Check(change(s.Metadata), r.Options.MaxServerMeta, false, r.Options), Updated = now })?.Metadata,
            r.Options.MaxServerMeta,
            $"Instance {id} could not be found.",
            () => LimitExceeded(r.Options, r.Options.MaxServerMeta, image: false),
            "Metadata item was not found",
            "Metadata item was not found");
    }

    private static Owner ImageOwner(ComputeRequest r)
    {
        string id = r.Arg(0);
        var now = r.Now;
        return new Owner(
            () => r.Region.Images.Get(id)?.Metadata,
            // Nova counts every key of the resulting set, its own snapshot keys (image_type, instance_uuid ...) too.
            change => r.Region.Images.Update(id, i => i with { Metadata = Check(change(i.Metadata), r.Options.MaxImageMeta, true, r.Options), Updated = now })?.Metadata,
            r.Options.MaxImageMeta,
            "Image not found.",
            () => LimitExceeded(r.Options, r.Options.MaxImageMeta, image: true),
            // Nova's image metadata texts (its server metadata keeps "Metadata item was not found").
            "The resource could not be found.",
            "Invalid metadata key");
    }

    private static ApiException LimitExceeded(EmulatorOptions options, int max, bool image) =>
        ApiException.MetadataLimit(options, image, $"Maximum number of metadata items exceeds {max}");

    private static IReadOnlyDictionary<string, string> Check(IReadOnlyDictionary<string, string> map, int max, bool image, EmulatorOptions options)
    {
        if (map.Count > max) throw LimitExceeded(options, max, image);
        return map;
    }

    private static IReadOnlyDictionary<string, string> Require(Owner owner) =>
        owner.Read() ?? throw ApiException.NotFound(owner.NotFound);

    private static Task WriteMapAsync(ComputeRequest r, int status, string name, IEnumerable<KeyValuePair<string, string>> map) =>
        r.JsonAsync(status, w =>
        {
            w.WriteStartObject();
            JsonOut.WriteStringMap(w, name, map);
            w.WriteEndObject();
        });

    private static Task ListAsync(ComputeRequest r, Owner owner) => WriteMapAsync(r, 200, "metadata", Require(owner));

    private static async Task MergeAsync(ComputeRequest r, Owner owner, bool replace)
    {
        Require(owner);
        var body = await r.BodyAsync();
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("metadata", out var m))
            throw ApiException.BadRequest("Malformed request body: 'metadata' is required.");
        var incoming = JsonIn.Metadata(m);
        if (incoming.Count > owner.MaxItems) throw owner.LimitExceeded();
        var result = owner.Write(current =>
        {
            var next = replace ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(current, StringComparer.Ordinal);
            foreach (var kv in incoming) next[kv.Key] = kv.Value;
            return next;
        }) ?? throw ApiException.NotFound(owner.NotFound);
        await WriteMapAsync(r, 200, "metadata", result);
    }

    private static Task GetItemAsync(ComputeRequest r, Owner owner)
    {
        string key = r.Arg(1);
        var map = Require(owner);
        if (!map.TryGetValue(key, out var value)) throw ApiException.NotFound(owner.KeyNotFoundOnGet);
        return WriteMapAsync(r, 200, "meta", [new(key, value)]);
    }

    private static async Task PutItemAsync(ComputeRequest r, Owner owner)
    {
        string key = r.Arg(1);
        Require(owner);
        var body = await r.BodyAsync();
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("meta", out var meta))
            throw ApiException.BadRequest("Malformed request body: 'meta' is required.");
        var item = JsonIn.Metadata(meta, "meta");
        if (item.Count > 1) throw ApiException.BadRequest("Request body contains too many items");
        if (item.Count == 0 || !item.ContainsKey(key)) throw ApiException.BadRequest("Request body and URI mismatch");
        string value = item[key];
        _ = owner.Write(current =>
        {
            var next = new Dictionary<string, string>(current, StringComparer.Ordinal) { [key] = value };
            return next;
        }) ?? throw ApiException.NotFound(owner.NotFound);
        await WriteMapAsync(r, 200, "meta", [new(key, value)]);
    }

    private static Task DeleteItemAsync(ComputeRequest r, Owner owner)
    {
        string key = r.Arg(1);
        if (!Require(owner).ContainsKey(key)) throw ApiException.NotFound(owner.KeyNotFoundOnDelete);
        _ = owner.Write(current =>
        {
            if (!current.ContainsKey(key)) throw ApiException.NotFound(owner.KeyNotFoundOnDelete);
            return current.Where(kv => kv.Key != key).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }) ?? throw ApiException.NotFound(owner.NotFound);
        return r.EmptyAsync(204);
    }
}
