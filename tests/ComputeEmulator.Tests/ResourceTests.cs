using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

/// <summary>Flavors, limits, extensions, keypairs, floating IPs, security groups and rules.</summary>
public sealed class ResourceTests : EmulatorTestBase
{
    [Fact]
    public async Task FlavorsAreTheHpSixWithOpenStackClientFields()
    {
        await Client.LoginAsync();
        var brief = (await Client.ComputeAsync("GET", "flavors")).Json.GetProperty("flavors");
        Assert.Equal(new[] { "standard.xsmall", "standard.small", "standard.medium", "standard.large", "standard.xlarge", "standard.2xlarge" },
            brief.EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        var detail = (await Client.ComputeAsync("GET", "flavors/detail")).Json.GetProperty("flavors");
        var large = detail.EnumerateArray().Single(f => f.GetProperty("id").GetString() == "103");
        Assert.Equal(8192, large.GetProperty("ram").GetInt32());
        Assert.Equal(240, large.GetProperty("disk").GetInt32());
        Assert.Equal(4, large.GetProperty("vcpus").GetInt32());
        foreach (var field in new[] { "OS-FLV-EXT-DATA:ephemeral", "os-flavor-access:is_public", "swap", "rxtx_factor", "links" })
        {
            Assert.True(large.TryGetProperty(field, out _), field);
        }
        var one = (await Client.ComputeAsync("GET", "flavors/105")).Json.GetProperty("flavor");
        Assert.Equal(32768, one.GetProperty("ram").GetInt32());
        (await Client.ComputeAsync("GET", "flavors/999")).AssertFault(404, "itemNotFound");
        Assert.Equal(2, (await Client.ComputeAsync("GET", "flavors/detail?minRam=16384")).Json.GetProperty("flavors").GetArrayLength());
    }

    [Fact]
    public async Task LimitsShowAbsoluteWithUsageAndRateWhenConfigured()
    {
        await Client.LoginAsync();
        await Client.CreateServerAsync(flavor: "102");
        var limits = (await Client.ComputeAsync("GET", "limits")).Json.GetProperty("limits");
        var absolute = limits.GetProperty("absolute");
        Assert.Equal(128, absolute.GetProperty("maxImageMeta").GetInt32());
        Assert.Equal(128, absolute.GetProperty("maxServerMeta").GetInt32());
        Assert.Equal(1, absolute.GetProperty("totalInstancesUsed").GetInt32());
        Assert.Equal(2, absolute.GetProperty("totalCoresUsed").GetInt32());
        Assert.Equal(4096, absolute.GetProperty("totalRAMUsed").GetInt32());
        Assert.Equal(0, limits.GetProperty("rate").GetArrayLength());

        await Client.ControlAsync("PUT", "ratelimits", new { limits = new Dictionary<string, int> { ["GET"] = 100, ["POST"] = 10 } });
        var rate = (await Client.ComputeAsync("GET", "limits")).Json.GetProperty("limits").GetProperty("rate");
        var entries = rate[0].GetProperty("limit").EnumerateArray().ToList();
        Assert.Equal(new[] { "GET", "POST" }, entries.Select(e => e.GetProperty("verb").GetString()));
        Assert.Equal("MINUTE", entries[0].GetProperty("unit").GetString());
        Assert.Equal(100, entries[0].GetProperty("value").GetInt32());
        Assert.Equal(99, entries[0].GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task ExtensionsListAndGet()
    {
        await Client.LoginAsync();
        var list = (await Client.ComputeAsync("GET", "extensions")).Json.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("alias").GetString()).ToList();
        foreach (var alias in new[] { "os-keypairs", "os-volumes", "os-console-output", "security_groups", "os-floating-ips" }) Assert.Contains(alias, list);
        var one = (await Client.ComputeAsync("GET", "extensions/os-floating-ips")).Json.GetProperty("extension");
        Assert.Equal("Floating_ips", one.GetProperty("name").GetString());
        (await Client.ComputeAsync("GET", "extensions/nope")).AssertFault(404, "itemNotFound");
    }

    [Fact]
    public async Task KeypairsCreateImportListGetDelete()
    {
        await Client.LoginAsync();
        var created = await Client.ComputeAsync("POST", "os-keypairs", new { keypair = new { name = "generated" } });
        Assert.Equal(200, created.Code);
        Assert.Contains("PRIVATE KEY", created.Json.GetProperty("keypair").GetProperty("private_key").GetString());
        var imported = await Client.ComputeAsync("POST", "os-keypairs", new { keypair = new { name = "imported", public_key = "ssh-rsa AAAAB3Nza demo@host" } });
        Assert.False(imported.Json.GetProperty("keypair").TryGetProperty("private_key", out _));
        Assert.Matches("^([0-9a-f]{2}:){15}[0-9a-f]{2}$", imported.Json.GetProperty("keypair").GetProperty("fingerprint").GetString()!);
        (await Client.ComputeAsync("POST", "os-keypairs", new { keypair = new { name = "generated" } })).AssertFault(409, "inProgress");
        (await Client.ComputeAsync("POST", "os-keypairs", new { keypair = new { name = "bad/name" } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", "os-keypairs", new { keypair = new { name = "x", public_key = "garbage" } })).AssertFault(400, "badRequest");
        var list = (await Client.ComputeAsync("GET", "os-keypairs")).Json.GetProperty("keypairs").EnumerateArray().Select(k => k.GetProperty("keypair").GetProperty("name").GetString()).ToList();
        Assert.Equal(new[] { "generated", "imported" }, list);
        Assert.Equal("imported", (await Client.ComputeAsync("GET", "os-keypairs/imported")).Json.GetProperty("keypair").GetProperty("name").GetString());
        Assert.Equal(202, (await Client.ComputeAsync("DELETE", "os-keypairs/imported")).Code);
        (await Client.ComputeAsync("GET", "os-keypairs/imported")).AssertFault(404, "itemNotFound");
        (await Client.ComputeAsync("DELETE", "os-keypairs/imported")).AssertFault(404, "itemNotFound");

        string image = await Client.FirstBaseImageAsync();
        var server = await Client.ComputeAsync("POST", "servers", new { server = new { name = "keyed", imageRef = image, flavorRef = "100", key_name = "generated" } });
        string id = server.Json.GetProperty("server").GetProperty("id").GetString()!;
        Assert.Equal("generated", (await Client.ComputeAsync("GET", "servers/" + id)).Json.GetProperty("server").GetProperty("key_name").GetString());
    }

    [Fact]
    public async Task FloatingIpsAllocateListGetRelease()
    {
        await Client.LoginAsync();
        var a = (await Client.ComputeAsync("POST", "os-floating-ips", new { pool = "nova" })).Json.GetProperty("floating_ip");
        var b = (await Client.ComputeAsync("POST", "os-floating-ips")).Json.GetProperty("floating_ip");
        Assert.NotEqual(a.GetProperty("ip").GetString(), b.GetProperty("ip").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, a.GetProperty("instance_id").ValueKind);
        Assert.Equal(2, (await Client.ComputeAsync("GET", "os-floating-ips")).Json.GetProperty("floating_ips").GetArrayLength());
        string id = EmulatorClient.IdOf(a);
        Assert.Equal(a.GetProperty("ip").GetString(), (await Client.ComputeAsync("GET", "os-floating-ips/" + id)).Json.GetProperty("floating_ip").GetProperty("ip").GetString());
        Assert.Equal(202, (await Client.ComputeAsync("DELETE", "os-floating-ips/" + id)).Code);
        (await Client.ComputeAsync("GET", "os-floating-ips/" + id)).AssertFault(404, "itemNotFound");
        (await Client.ComputeAsync("DELETE", "os-floating-ips/" + id)).AssertFault(404, "itemNotFound");
        (await Client.ComputeAsync("POST", "os-floating-ips", new { pool = "elsewhere" })).AssertFault(404, "itemNotFound");
    }

    [Fact]
    public async Task SecurityGroupsAndRules()
    {
        await Client.LoginAsync();
        var groups = (await Client.ComputeAsync("GET", "os-security-groups")).Json.GetProperty("security_groups");
        var def = groups.EnumerateArray().Single(g => g.GetProperty("name").GetString() == "default");
        Assert.Equal(2, def.GetProperty("rules").GetArrayLength());
        (await Client.ComputeAsync("DELETE", "os-security-groups/" + EmulatorClient.IdOf(def))).AssertFault(400, "badRequest");

        var created = (await Client.ComputeAsync("POST", "os-security-groups", new { security_group = new { name = "web", description = "Web tier" } })).Json.GetProperty("security_group");
        string gid = EmulatorClient.IdOf(created);
        Assert.Equal("1234", created.GetProperty("tenant_id").GetString());
        (await Client.ComputeAsync("POST", "os-security-groups", new { security_group = new { name = "web", description = "again" } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", "os-security-groups", new { security_group = new { description = "no name" } })).AssertFault(400, "badRequest");

        var rule = await Client.ComputeAsync("POST", "os-security-group-rules", new { security_group_rule = new { parent_group_id = gid, ip_protocol = "tcp", from_port = "80", to_port = "8080", cidr = "0.0.0.0/0" } });
        Assert.Equal(200, rule.Code);
        var r = rule.Json.GetProperty("security_group_rule");
        Assert.Equal(80, r.GetProperty("from_port").GetInt32());
        Assert.Equal("0.0.0.0/0", r.GetProperty("ip_range").GetProperty("cidr").GetString());
        (await Client.ComputeAsync("POST", "os-security-group-rules", new { security_group_rule = new { parent_group_id = gid, ip_protocol = "tcp", from_port = 80, to_port = 8080, cidr = "0.0.0.0/0" } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", "os-security-group-rules", new { security_group_rule = new { parent_group_id = gid, ip_protocol = "gre", from_port = 1, to_port = 2 } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", "os-security-group-rules", new { security_group_rule = new { parent_group_id = gid, ip_protocol = "tcp", from_port = 90, to_port = 80 } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", "os-security-group-rules", new { security_group_rule = new { parent_group_id = "nope", ip_protocol = "tcp", from_port = 1, to_port = 2 } })).AssertFault(404, "itemNotFound");
        (await Client.ComputeAsync("POST", "os-security-group-rules", new { security_group_rule = new { parent_group_id = gid, ip_protocol = "udp", from_port = 53, to_port = 53, cidr = "not-a-cidr" } })).AssertFault(400, "badRequest");

        var got = (await Client.ComputeAsync("GET", "os-security-groups/" + gid)).Json.GetProperty("security_group");
        Assert.Single(got.GetProperty("rules").EnumerateArray());
        Assert.Equal(202, (await Client.ComputeAsync("DELETE", "os-security-group-rules/" + EmulatorClient.IdOf(r))).Code);
        (await Client.ComputeAsync("DELETE", "os-security-group-rules/" + EmulatorClient.IdOf(r))).AssertFault(404, "itemNotFound");

        // In use by a server: 400; after the server is gone: 202.
        string image = await Client.FirstBaseImageAsync();
        var server = await Client.ComputeAsync("POST", "servers", new { server = new { name = "g", imageRef = image, flavorRef = "100", security_groups = new[] { new { name = "web" } } } });
        string sid = server.Json.GetProperty("server").GetProperty("id").GetString()!;
        (await Client.ComputeAsync("DELETE", "os-security-groups/" + gid)).AssertFault(400, "badRequest");
        await Client.ComputeAsync("DELETE", "servers/" + sid);
        Assert.Equal(202, (await Client.ComputeAsync("DELETE", "os-security-groups/" + gid)).Code);
        (await Client.ComputeAsync("GET", "os-security-groups/" + gid)).AssertFault(404, "itemNotFound");
    }
}
