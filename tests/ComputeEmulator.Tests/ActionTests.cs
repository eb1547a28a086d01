using System;
using System.Linq;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

public sealed class ActionTests : EmulatorTestBase
{
    protected override EmulatorOptions CreateOptions() => new() { BuildDelay = TimeSpan.FromMilliseconds(300), SnapshotDuration = TimeSpan.Zero };

    private async Task<string> ActiveServerAsync(string name = "act")
    {
        string id = await Client.CreateServerAsync(name);
        await EmulatorClient.WaitUntilAsync(async () => (await Client.ComputeAsync("GET", "servers/" + id)).Json.GetProperty("server").GetProperty("status").GetString() == "ACTIVE");
        return id;
    }

    private Task<ApiResponse> ActionAsync(string id, object body) => Client.ComputeAsync("POST", "servers/" + id + "/action", body);

    private async Task<string> StatusAsync(string id) => (await Client.ComputeAsync("GET", "servers/" + id)).Json.GetProperty("server").GetProperty("status").GetString()!;

    [Fact]
    public async Task RebootSoftAndHardPassThroughTransientStatus()
    {
        await Client.LoginAsync();
        string id = await ActiveServerAsync();
        Assert.Equal(202, (await ActionAsync(id, new { reboot = new { type = "SOFT" } })).Code);
        Assert.Equal("REBOOT", await StatusAsync(id));
        (await ActionAsync(id, new { reboot = new { type = "HARD" } })).AssertFault(409, "inProgress");
        await EmulatorClient.WaitUntilAsync(async () => await StatusAsync(id) == "ACTIVE");
        Assert.Equal(202, (await ActionAsync(id, new { reboot = new { type = "HARD" } })).Code);
        Assert.Equal("HARD_REBOOT", await StatusAsync(id));
        (await ActionAsync(id, new { reboot = new { type = "GENTLE" } })).AssertFault(400, "badRequest");
        (await ActionAsync(id, new { reboot = new { } })).AssertFault(400, "badRequest");
    }

    [Fact]
    public async Task BuildingServerRejectsActionsWith409()
    {
        await Client.LoginAsync();
        string id = await Client.CreateServerAsync();
        (await ActionAsync(id, new { reboot = new { type = "SOFT" } })).AssertFault(409, "inProgress");
        (await ActionAsync(id, new { createImage = new { name = "early" } })).AssertFault(409, "inProgress");
    }

    [Fact]
    public async Task RebuildChangesImageNameAndMetadata()
    {
        await Client.LoginAsync();
        string id = await ActiveServerAsync();
        var images = (await Client.ComputeAsync("GET", "images?type=BASE")).Json.GetProperty("images").EnumerateArray().Select(EmulatorClient.IdOf).ToList();
        var r = await ActionAsync(id, new { rebuild = new { imageRef = images[2], name = "rebuilt", metadata = new { k = "v" } } });
        Assert.Equal(202, r.Code);
        var s = r.Json.GetProperty("server");
        Assert.Equal("REBUILD", s.GetProperty("status").GetString());
        Assert.Equal(images[2], s.GetProperty("image").GetProperty("id").GetString());
        Assert.Equal("rebuilt", s.GetProperty("name").GetString());
        Assert.Equal("v", s.GetProperty("metadata").GetProperty("k").GetString());
        Assert.True(s.TryGetProperty("adminPass", out _));
        await EmulatorClient.WaitUntilAsync(async () => await StatusAsync(id) == "ACTIVE");
        (await ActionAsync(id, new { rebuild = new { imageRef = "nope" } })).AssertFault(400, "badRequest");
    }

    [Fact]
    public async Task ConsoleOutputHonoursLength()
    {
        await Client.LoginAsync();
        string id = await ActiveServerAsync("console");
        var all = await ActionAsync(id, new Dictionary { ["os-getConsoleOutput"] = new { } });
        Assert.Equal(200, all.Code);
        Assert.Contains("console", all.Json.GetProperty("output").GetString());
        var five = await ActionAsync(id, new Dictionary { ["os-getConsoleOutput"] = new { length = 5 } });
        Assert.Equal(5, five.Json.GetProperty("output").GetString()!.TrimEnd('\n').Split('\n').Length);
        (await ActionAsync(id, new Dictionary { ["os-getConsoleOutput"] = new { length = "many" } })).AssertFault(400, "badRequest");
    }

    [Fact]
    public async Task FloatingIpAddAndRemoveUpdateServerAndPool()
    {
        await Client.LoginAsync();
        string id = await ActiveServerAsync();
        var fip = (await Client.ComputeAsync("POST", "os-floating-ips")).Json.GetProperty("floating_ip");
        string ip = fip.GetProperty("ip").GetString()!;
        Assert.Equal(202, (await ActionAsync(id, new { addFloatingIp = new { address = ip } })).Code);
        var addresses = (await Client.ComputeAsync("GET", "servers/" + id)).Json.GetProperty("server").GetProperty("addresses").GetProperty("private");
        Assert.Contains(addresses.EnumerateArray(), a => a.GetProperty("addr").GetString() == ip && a.GetProperty("OS-EXT-IPS:type").GetString() == "floating");
        var listed = (await Client.ComputeAsync("GET", "os-floating-ips/" + EmulatorClient.IdOf(fip))).Json.GetProperty("floating_ip");
        Assert.Equal(id, listed.GetProperty("instance_id").GetString());
        Assert.Equal(202, (await ActionAsync(id, new { removeFloatingIp = new { address = ip } })).Code);
        Assert.DoesNotContain((await Client.ComputeAsync("GET", "servers/" + id)).Json.GetProperty("server").GetProperty("addresses").GetProperty("private").EnumerateArray(), a => a.GetProperty("addr").GetString() == ip);
        (await ActionAsync(id, new { removeFloatingIp = new { address = ip } })).AssertFault(409, "inProgress");
        (await ActionAsync(id, new { addFloatingIp = new { address = "1.2.3.4" } })).AssertFault(404, "itemNotFound");
        (await ActionAsync(id, new { addFloatingIp = new { } })).AssertFault(400, "badRequest");
    }

    [Fact]
    public async Task SecurityGroupAddAndRemove()
    {
        await Client.LoginAsync();
        string id = await ActiveServerAsync();
        await Client.ComputeAsync("POST", "os-security-groups", new { security_group = new { name = "web", description = "web tier" } });
        Assert.Equal(202, (await ActionAsync(id, new { addSecurityGroup = new { name = "web" } })).Code);
        var groups = (await Client.ComputeAsync("GET", "servers/" + id)).Json.GetProperty("server").GetProperty("security_groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()).ToList();
        Assert.Equal(new[] { "default", "web" }, groups);
        (await ActionAsync(id, new { addSecurityGroup = new { name = "web" } })).AssertFault(400, "badRequest");
        (await ActionAsync(id, new { addSecurityGroup = new { name = "ghost" } })).AssertFault(404, "itemNotFound");
        Assert.Equal(202, (await ActionAsync(id, new { removeSecurityGroup = new { name = "web" } })).Code);
        (await ActionAsync(id, new { removeSecurityGroup = new { name = "web" } })).AssertFault(400, "badRequest");
    }

    [Fact]
    public async Task UnknownOrMalformedActionsAre400AndUnknownServer404()
    {
        await Client.LoginAsync();
        string id = await ActiveServerAsync();
        (await ActionAsync(id, new { levitate = new { } })).AssertFault(400, "badRequest");
        (await ActionAsync(id, new { })).AssertFault(400, "badRequest");
        (await ActionAsync(id, new { reboot = "SOFT" })).AssertFault(400, "badRequest");
        (await ActionAsync(id, new { reboot = new { type = "SOFT" }, rebuild = new { } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", "servers/nope/action", new { reboot = new { type = "SOFT" } })).AssertFault(404, "itemNotFound");
        (await Client.ComputeAsync("GET", "servers/" + id + "/action")).AssertFault(405, "badMethod");
    }

    private sealed class Dictionary : System.Collections.Generic.Dictionary<string, object>
    {
    }
}
