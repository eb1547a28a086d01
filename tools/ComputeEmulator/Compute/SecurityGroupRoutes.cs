using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.Http;
using ComputeEmulator.State;

namespace ComputeEmulator.Compute;

/// <summary>/os-security-groups (list, create, get, delete) and /os-security-group-rules (create, delete).</summary>
internal static class SecurityGroupRoutes
{
    public static void Map(ComputeRouter router)
    {
        router.Map("GET", "os-security-groups", ListAsync)
              .Map("POST", "os-security-groups", CreateAsync)
              .Map("GET", "os-security-groups/{}", GetAsync)
              .Map("DELETE", "os-security-groups/{}", DeleteAsync)
              .Map("POST", "os-security-group-rules", CreateRuleAsync)
              .Map("DELETE", "os-security-group-rules/{}", DeleteRuleAsync);
    }

    private static Task ListAsync(ComputeRequest r)
    {
        var all = r.Region.SecurityGroups.List();
        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("security_groups");
            foreach (var g in all) Write(w, r, g);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task CreateAsync(ComputeRequest r)
    {
        var body = JsonIn.RequireObject(await r.BodyAsync(), "security_group");
        string name = JsonIn.OptionalString(body, "name") ?? throw ApiException.BadRequest("Security group name is required.");
        string description = JsonIn.OptionalString(body, "description") ?? throw ApiException.BadRequest("Security group description is required.");
        var group = r.Region.SecurityGroups.Create(name, description);
        await WriteOneAsync(r, group);
    }

    private static Task GetAsync(ComputeRequest r)
    {
        var group = r.Region.SecurityGroups.Get(r.Arg(0)) ?? throw ApiException.NotFound($"Security group {r.Arg(0)} not found.");
        return WriteOneAsync(r, group);
    }

    private static Task DeleteAsync(ComputeRequest r)
    {
        r.Region.SecurityGroups.Delete(r.Arg(0), name => r.Region.Servers.Page(null, 1, s => !s.Deleted && s.SecurityGroups.Contains(name)).Count > 0);
        return r.EmptyAsync(202);
    }

    private static async Task CreateRuleAsync(ComputeRequest r)
    {
        var body = JsonIn.RequireObject(await r.BodyAsync(), "security_group_rule");
        string parent = JsonIn.OptionalRef(body, "parent_group_id") ?? throw ApiException.BadRequest("parent_group_id is required.");
        string? groupId = JsonIn.OptionalRef(body, "group_id");
        string? protocol = JsonIn.OptionalString(body, "ip_protocol")?.ToLowerInvariant();
        int? from = JsonIn.OptionalInt(body, "from_port");
        int? to = JsonIn.OptionalInt(body, "to_port");
        string? cidr = JsonIn.OptionalString(body, "cidr");
        if (protocol is not ("tcp" or "udp" or "icmp")) throw ApiException.BadRequest("Invalid IP protocol: use tcp, udp or icmp.");
        if (from is null || to is null) throw ApiException.BadRequest("from_port and to_port are required.");
        if (protocol == "icmp")
        {
            if (from < -1 || from > 255 || to < -1 || to > 255) throw ApiException.BadRequest("ICMP type and code must be -1..255.");
        }
        else if (from < 1 || to > 65535 || from > to)
        {
            throw ApiException.BadRequest("Invalid port range: from_port and to_port must be 1..65535 with from_port <= to_port.");
        }
        if (cidr is not null && !System.Net.IPNetwork.TryParse(cidr, out _)) throw ApiException.BadRequest($"Invalid CIDR {cidr}.");
        var rule = r.Region.SecurityGroups.AddRule(parent, protocol, from, to, cidr, groupId);
        await r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("security_group_rule");
            WriteRule(w, r, rule);
            w.WriteEndObject();
        });
    }

    private static Task DeleteRuleAsync(ComputeRequest r)
    {
        if (!r.Region.SecurityGroups.DeleteRule(r.Arg(0))) throw ApiException.NotFound($"Security group rule {r.Arg(0)} not found.");
        return r.EmptyAsync(202);
    }

    private static Task WriteOneAsync(ComputeRequest r, SecurityGroup g) =>
        r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("security_group");
            Write(w, r, g);
            w.WriteEndObject();
        });

    private static void WriteId(Utf8JsonWriter w, ComputeRequest r, string name, string id)
    {
        if (r.IntegerIds && long.TryParse(id, out long n)) w.WriteNumber(name, n); else w.WriteString(name, id);
    }

    private static void Write(Utf8JsonWriter w, ComputeRequest r, SecurityGroup g)
    {
        w.WriteStartObject();
        WriteId(w, r, "id", g.Id);
        w.WriteString("name", g.Name);
        w.WriteString("description", g.Description);
        w.WriteString("tenant_id", r.TenantId);
        w.WriteStartArray("rules");
        foreach (var rule in g.Rules) WriteRule(w, r, rule);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter w, ComputeRequest r, SecurityGroupRule rule)
    {
        w.WriteStartObject();
        WriteId(w, r, "id", rule.Id);
        WriteId(w, r, "parent_group_id", rule.ParentGroupId);
        if (rule.IpProtocol is null) w.WriteNull("ip_protocol"); else w.WriteString("ip_protocol", rule.IpProtocol);
        if (rule.FromPort is int f) w.WriteNumber("from_port", f); else w.WriteNull("from_port");
        if (rule.ToPort is int t) w.WriteNumber("to_port", t); else w.WriteNull("to_port");
        w.WriteStartObject("ip_range");
        if (rule.Cidr is not null) w.WriteString("cidr", rule.Cidr);
        w.WriteEndObject();
        w.WriteStartObject("group");
        if (rule.GroupName is not null)
        {
            w.WriteString("name", rule.GroupName);
            w.WriteString("tenant_id", r.TenantId);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
