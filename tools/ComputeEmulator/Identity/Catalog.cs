using System;
using System.Text.Json;
using ComputeEmulator.Http;
using ComputeEmulator.State;

namespace ComputeEmulator.Identity;

/// <summary>Service catalogs (Keystone v3 and v2.0 shapes) with a compute service in every region.</summary>
internal static class Catalog
{
    /// <summary>"v2.1", or "v1.1" for HP integer ids.</summary>
    public static string ComputeVersion(EmulatorState state) => state.Options.IdStyle == IdStyle.Integer ? "v1.1" : "v2.1";

    /// <summary>Compute URL of a region: the first region has no prefix, the others "/{Region}".</summary>
    public static string ComputeUrl(string baseUrl, RegionState region, EmulatorState state) =>
        baseUrl + (region.Index == 0 ? "" : region.Name + "/") + ComputeVersion(state) + "/" + state.Options.TenantId;

    /// <summary>The read-only Glance v2 view of a region's images: "/image" or "/{Region}/image".</summary>
    public static string ImageUrl(string baseUrl, RegionState region) => baseUrl + (region.Index == 0 ? "" : region.Name + "/") + "image";

    public static void WriteV3(Utf8JsonWriter w, string baseUrl, EmulatorState state)
    {
        w.WriteStartArray("catalog");
        w.WriteStartObject();
        w.WriteString("id", BaseImages.StableUuid("service-compute").Replace("-", ""));
        w.WriteString("type", "compute");
        w.WriteString("name", "nova");
        w.WriteStartArray("endpoints");
        foreach (var region in state.Regions)
        {
            string url = ComputeUrl(baseUrl, region, state);
            foreach (var iface in new[] { "public", "internal", "admin" })
            {
                WriteV3Endpoint(w, "compute-" + region.Name + "-" + iface, iface, region.Name, url);
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartObject();
        w.WriteString("id", BaseImages.StableUuid("service-image").Replace("-", ""));
        w.WriteString("type", "image");
        w.WriteString("name", "glance");
        w.WriteStartArray("endpoints");
        foreach (var region in state.Regions)
        {
            foreach (var iface in new[] { "public", "internal", "admin" })
            {
                WriteV3Endpoint(w, "image-" + region.Name + "-" + iface, iface, region.Name, ImageUrl(baseUrl, region));
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartObject();
        w.WriteString("id", BaseImages.StableUuid("service-identity").Replace("-", ""));
        w.WriteString("type", "identity");
        w.WriteString("name", "keystone");
        w.WriteStartArray("endpoints");
        foreach (var region in state.Regions)
        {
            foreach (var iface in new[] { "public", "internal", "admin" })
            {
                WriteV3Endpoint(w, "identity-" + region.Name + "-" + iface, iface, region.Name, baseUrl + "v3");
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteV3Endpoint(Utf8JsonWriter w, string idSeed, string iface, string region, string url)
    {
        w.WriteStartObject();
        w.WriteString("id", BaseImages.StableUuid(idSeed).Replace("-", ""));
        w.WriteString("interface", iface);
        w.WriteString("region_id", region);
        w.WriteString("region", region);
        w.WriteString("url", url);
        w.WriteEndObject();
    }

    public static void WriteV2(Utf8JsonWriter w, string baseUrl, EmulatorState state)
    {
        string version = ComputeVersion(state);
        w.WriteStartArray("serviceCatalog");
        WriteV2Service(w, "compute", "nova", state, region => ComputeUrl(baseUrl, region, state), region =>
        {
            string root = baseUrl + (region.Index == 0 ? "" : region.Name + "/");
            w.WriteString("versionId", version.TrimStart('v'));
            w.WriteString("versionInfo", root + version + "/");
            w.WriteString("versionList", root);
            w.WriteString("id", BaseImages.StableUuid("compute-v2-" + region.Name).Replace("-", ""));
        }, tenantId: state.Options.TenantId);
        WriteV2Service(w, "image", "glance", state, region => ImageUrl(baseUrl, region));
        WriteV2Service(w, "identity", "keystone", state, _ => baseUrl + "v2.0");
        w.WriteEndArray();
    }

    /// <summary>One v2.0 catalog entry: an endpoint per region with the same public, internal and admin URL.</summary>
    private static void WriteV2Service(Utf8JsonWriter w, string type, string name, EmulatorState state,
        Func<RegionState, string> url, Action<RegionState>? extra = null, string? tenantId = null)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("name", name);
        w.WriteStartArray("endpoints");
        foreach (var region in state.Regions)
        {
            string u = url(region);
            w.WriteStartObject();
            w.WriteString("region", region.Name);
            if (tenantId is not null) w.WriteString("tenantId", tenantId);
            w.WriteString("publicURL", u);
            w.WriteString("internalURL", u);
            w.WriteString("adminURL", u);
            extra?.Invoke(region);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("endpoints_links");
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
