using System.Linq;
using System.Threading.Tasks;
using ComputeEmulator.Http;
using ComputeEmulator.State;

namespace ComputeEmulator.Compute;

/// <summary>GET /limits: absolute limits with usage, and the rate limits in force (HP reference shape).</summary>
internal static class LimitsRoutes
{
    public static void Map(ComputeRouter router) => router.Map("GET", "limits", GetAsync);

    private static Task GetAsync(ComputeRequest r)
    {
        var servers = r.Region.Servers.All(s => !s.Deleted);
        int cores = 0, ram = 0;
        foreach (var s in servers)
        {
            if (Flavors.Find(s.FlavorId) is { } f)
            {
                cores += f.VCpus;
                ram += f.Ram;
            }
        }
        int floating = r.Region.FloatingIps.List().Count;
        int groups = r.Region.SecurityGroups.List().Count;
        var limits = r.State.RateLimits;
        var now = r.Now;
        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("limits");
            w.WriteStartArray("rate");
            if (limits.Count > 0)
            {
                w.WriteStartObject();
                w.WriteString("regex", ".*");
                w.WriteString("uri", "*");
                w.WriteStartArray("limit");
                foreach (var kv in limits.OrderBy(k => k.Key, System.StringComparer.Ordinal))
                {
                    var (remaining, next) = r.State.RateLimiter.Status(kv.Key, kv.Value, now);
                    w.WriteStartObject();
                    w.WriteString("verb", kv.Key.ToUpperInvariant());
                    w.WriteNumber("value", kv.Value);
                    w.WriteNumber("remaining", remaining);
                    w.WriteString("unit", "MINUTE");
                    w.WriteString("next-available", JsonOut.Time(next));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("absolute");
            w.WriteNumber("maxServerMeta", r.Options.MaxServerMeta);
            w.WriteNumber("maxPersonality", 5);
            w.WriteNumber("maxImageMeta", r.Options.MaxImageMeta);
            w.WriteNumber("maxPersonalitySize", 10240);
            w.WriteNumber("maxSecurityGroupRules", 20);
            w.WriteNumber("maxSecurityGroups", 10);
            w.WriteNumber("maxTotalInstances", 1_000_000);
            w.WriteNumber("maxTotalCores", 8_000_000);
            w.WriteNumber("maxTotalRAMSize", 2_147_483_647);
            w.WriteNumber("maxTotalKeypairs", 100);
            w.WriteNumber("maxTotalFloatingIps", 10);
            w.WriteNumber("maxServerGroups", 10);
            w.WriteNumber("maxServerGroupMembers", 10);
            w.WriteNumber("totalInstancesUsed", servers.Count);
            w.WriteNumber("totalCoresUsed", cores);
            w.WriteNumber("totalRAMUsed", ram);
            w.WriteNumber("totalFloatingIpsUsed", floating);
            w.WriteNumber("totalSecurityGroupsUsed", groups);
            w.WriteNumber("totalServerGroupsUsed", 0);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
