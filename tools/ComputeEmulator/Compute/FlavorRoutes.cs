using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.Http;
using ComputeEmulator.State;

namespace ComputeEmulator.Compute;

/// <summary>/flavors: the HP reference's six standard sizes, with the fields openstackclient reads.</summary>
internal static class FlavorRoutes
{
    public static void Map(ComputeRouter router)
    {
        router.Map("GET", "flavors", r => ListAsync(r, detail: false))
              .Map("GET", "flavors/detail", r => ListAsync(r, detail: true))
              .Map("GET", "flavors/{}", GetAsync)
              .Map("GET", "flavors/{}/os-extra_specs", ExtraSpecsAsync)
              .Map("GET", "flavors/{}/os-extra_specs/{}", r =>
              {
                  _ = Flavors.Find(r.Arg(0)) ?? throw ApiException.NotFound($"Flavor {r.Arg(0)} could not be found.");
                  throw ApiException.NotFound($"Flavor {r.Arg(0)} has no extra specs with key {r.Arg(1)}.");
              });
    }

    private static Task ListAsync(ComputeRequest r, bool detail)
    {
        int limit = Paging.Limit(r);
        string? marker = Paging.Marker(r);
        var all = Flavors.All.AsEnumerable();
        if (r.Query("minRam") is string minRam && int.TryParse(minRam, out int ram)) all = all.Where(f => f.Ram >= ram);
        if (r.Query("minDisk") is string minDisk && int.TryParse(minDisk, out int disk)) all = all.Where(f => f.Disk >= disk);
        var list = all.ToList();
        if (marker is not null)
        {
            int at = list.FindIndex(f => f.Id == marker);
            if (at < 0) throw ApiException.BadRequest($"marker [{marker}] not found");
            list = list.Skip(at + 1).ToList();
        }
        var page = list.Take(limit).ToList();
        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("flavors");
            foreach (var f in page) Write(w, r, f, detail);
            w.WriteEndArray();
            Paging.WriteNextLink(w, r, "flavors", detail ? "flavors/detail" : "flavors", page.Count, limit, page.Count > 0 ? page[^1].Id : null);
            w.WriteEndObject();
        });
    }

    private static Task GetAsync(ComputeRequest r)
    {
        var flavor = Flavors.Find(r.Arg(0)) ?? throw ApiException.NotFound($"Flavor {r.Arg(0)} could not be found.");
        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("flavor");
            Write(w, r, flavor, detail: true);
            w.WriteEndObject();
        });
    }

    /// <summary>The HP flavors have no extra specs (openstackclient's flavor list asks for them).</summary>
    private static Task ExtraSpecsAsync(ComputeRequest r)
    {
        _ = Flavors.Find(r.Arg(0)) ?? throw ApiException.NotFound($"Flavor {r.Arg(0)} could not be found.");
        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("extra_specs");
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static void Write(Utf8JsonWriter w, ComputeRequest r, Flavor f, bool detail)
    {
        w.WriteStartObject();
        if (r.IntegerIds) w.WriteNumber("id", int.Parse(f.Id, System.Globalization.CultureInfo.InvariantCulture));
        else w.WriteString("id", f.Id);
        w.WriteString("name", f.Name);
        ServerJson.WriteLinks(w, r, "flavors", f.Id);
        if (detail)
        {
            w.WriteNumber("ram", f.Ram);
            w.WriteNumber("disk", f.Disk);
            w.WriteNumber("vcpus", f.VCpus);
            // Nova shows a swap of 0 as "" (before microversion 2.75).
            w.WriteString("swap", "");
            w.WriteNumber("OS-FLV-EXT-DATA:ephemeral", 0);
            w.WriteBoolean("OS-FLV-DISABLED:disabled", false);
            w.WriteNumber("rxtx_factor", 1.0);
            w.WriteBoolean("os-flavor-access:is_public", true);
        }
        w.WriteEndObject();
    }
}
