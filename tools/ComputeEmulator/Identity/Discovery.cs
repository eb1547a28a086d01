using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.Http;
using ComputeEmulator.State;
using Microsoft.AspNetCore.Http;

namespace ComputeEmulator.Identity;

/// <summary>Version documents: Keystone's at /, /v2.0, /v3; Nova's at /v2, /v2.1, /v1.1 and the compute roots.</summary>
internal static class Discovery
{
    /// <summary>
    /// GET /: identity and compute share the root. Without X-Auth-Token (identity discovery happens before
    /// authenticating) it is Keystone's version list; with a token it is Nova's (compute discovery).
    /// </summary>
    public static Task RootAsync(HttpContext http, EmulatorState state)
    {
        if (http.Request.Headers.ContainsKey("X-Auth-Token")) return ComputeVersionsAsync(http, "");
        string b = Links.BaseUrl(http);
        return JsonOut.WriteAsync(http, 300, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("versions");
            w.WriteStartArray("values");
            WriteIdentityVersion(w, b, "v3");
            WriteIdentityVersion(w, b, "v2.0");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    public static Task IdentityVersionAsync(HttpContext http, string version)
    {
        string b = Links.BaseUrl(http);
        return JsonOut.WriteAsync(http, 200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("version");
            WriteIdentityVersion(w, b, version);
            w.WriteEndObject();
        });
    }

    private static void WriteIdentityVersion(Utf8JsonWriter w, string b, string version)
    {
        bool v3 = version == "v3";
        w.WriteStartObject();
        w.WriteString("id", v3 ? "v3.14" : "v2.0");
        w.WriteString("status", v3 ? "stable" : "deprecated");
        w.WriteString("updated", v3 ? "2020-04-07T00:00:00Z" : "2016-08-04T00:00:00Z");
        w.WriteStartArray("links");
        JsonOut.WriteLink(w, "self", b + version + "/");
        w.WriteEndArray();
        w.WriteStartArray("media-types");
        w.WriteStartObject();
        w.WriteString("base", "application/json");
        w.WriteString("type", v3 ? "application/vnd.openstack.identity-v3+json" : "application/vnd.openstack.identity-v2.0+json");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Nova's root document: {"versions": [v2.0 SUPPORTED, v2.1 CURRENT]}.</summary>
    public static Task ComputeVersionsAsync(HttpContext http, string prefix)
    {
        string b = Links.BaseUrl(http) + prefix;
        return JsonOut.WriteAsync(http, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("versions");
            WriteComputeVersion(w, b, "v2", brief: true);
            WriteComputeVersion(w, b, "v2.1", brief: true);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public static Task ComputeVersionAsync(HttpContext http, string version, string prefix)
    {
        string b = Links.BaseUrl(http) + prefix;
        if (version == "v2.1") Microversions.Apply(http, validate: false);
        return JsonOut.WriteAsync(http, 200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("version");
            WriteComputeVersion(w, b, version, brief: false);
            w.WriteEndObject();
        });
    }

    private static void WriteComputeVersion(Utf8JsonWriter w, string b, string version, bool brief)
    {
        w.WriteStartObject();
        switch (version)
        {
            case "v2.1":
                w.WriteString("id", "v2.1");
                w.WriteString("status", "CURRENT");
                w.WriteString("version", Microversions.Current);
                w.WriteString("min_version", Microversions.Current);
                w.WriteString("updated", "2013-07-23T11:33:21Z");
                break;
            case "v2":
                w.WriteString("id", "v2.0");
                w.WriteString("status", "SUPPORTED");
                w.WriteString("version", "");
                w.WriteString("min_version", "");
                w.WriteString("updated", "2011-01-21T11:33:21Z");
                break;
            default:
                w.WriteString("id", "v1.1");
                w.WriteString("status", "CURRENT");
                w.WriteString("updated", "2011-01-21T11:33:21Z");
                break;
        }
        w.WriteStartArray("links");
        JsonOut.WriteLink(w, "self", b + version + "/");
        if (!brief) JsonOut.WriteLink(w, "describedby", "http://docs.openstack.org/", "text/html");
        w.WriteEndArray();
        if (!brief)
        {
            w.WriteStartArray("media-types");
            w.WriteStartObject();
            w.WriteString("base", "application/json");
            w.WriteString("type", version == "v1.1" ? "application/vnd.openstack.compute-v1.1+json" : "application/vnd.openstack.compute+json;version=2");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
