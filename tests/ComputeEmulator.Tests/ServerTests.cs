using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

public sealed class ServerTests : EmulatorTestBase
{
    protected override EmulatorOptions CreateOptions() => new() { BuildDelay = TimeSpan.FromMilliseconds(400), SnapshotDuration = TimeSpan.Zero };

    [Fact]
    public async Task CreateGoesFromBuildToActiveAndShowsDetailFields()
    {
        await Client.LoginAsync();
        string image = await Client.FirstBaseImageAsync();
        var created = await Client.ComputeAsync("POST", "servers", new { server = new { name = "web01", imageRef = image, flavorRef = "101", metadata = new { role = "web" } } });
        Assert.Equal(202, created.Code);
        string id = created.Json.GetProperty("server").GetProperty("id").GetString()!;
        Assert.Equal(Client.Compute + "/servers/" + id, created.Header("Location"));
        Assert.False(string.IsNullOrEmpty(created.Json.GetProperty("server").GetProperty("adminPass").GetString()));

        var building = (await Client.ComputeAsync("GET", "servers/" + id)).Json.GetProperty("server");
        Assert.Equal("BUILD", building.GetProperty("status").GetString());
        Assert.Equal("building", building.GetProperty("OS-EXT-STS:vm_state").GetString());
        await EmulatorClient.WaitUntilAsync(async () =>
            (await Client.ComputeAsync("GET", "servers/" + id)).Json.GetProperty("server").GetProperty("status").GetString() == "ACTIVE");
        var s = (await Client.ComputeAsync("GET", "servers/" + id)).Json.GetProperty("server");
        Assert.Equal("web01", s.GetProperty("name").GetString());
        Assert.Equal("web", s.GetProperty("metadata").GetProperty("role").GetString());
        Assert.Equal("101", s.GetProperty("flavor").GetProperty("id").GetString());
        Assert.Equal(image, s.GetProperty("image").GetProperty("id").GetString());
        Assert.Equal("active", s.GetProperty("OS-EXT-STS:vm_state").GetString());
        Assert.Equal(1, s.GetProperty("OS-EXT-STS:power_state").GetInt32());
        Assert.Equal("nova", s.GetProperty("OS-EXT-AZ:availability_zone").GetString());
        Assert.Equal("default", s.GetProperty("security_groups")[0].GetProperty("name").GetString());
        Assert.True(s.GetProperty("addresses").GetProperty("private").GetArrayLength() > 0);
        foreach (var field in new[] { "key_name", "config_drive", "OS-EXT-STS:task_state", "tenant_id", "user_id", "hostId", "created", "updated", "links", "accessIPv4", "progress" })
        {
            Assert.True(s.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task DetailFieldSetIsNovasForAMember()
    {
        await Client.LoginAsync();
        string id = await Client.CreateServerAsync("fields");
        await Task.Delay(450);
        var s = (await Client.ComputeAsync("GET", "servers/" + id)).Json.GetProperty("server");
        var expected = new[]
        {
            "id", "name", "status", "tenant_id", "user_id", "metadata", "hostId", "image", "flavor", "created", "updated", "addresses",
            "accessIPv4", "accessIPv6", "links", "OS-DCF:diskConfig", "progress", "OS-EXT-AZ:availability_zone", "config_drive", "key_name",
            "OS-SRV-USG:launched_at", "OS-SRV-USG:terminated_at", "OS-EXT-STS:task_state", "OS-EXT-STS:vm_state", "OS-EXT-STS:power_state",
            "os-extended-volumes:volumes_attached",
            "security_groups", // Nova lists it when the server has ports; the emulator's servers always have a network
        };
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), s.EnumerateObject().Select(p => p.Name).OrderBy(x => x, StringComparer.Ordinal));
        Assert.DoesNotContain(s.EnumerateObject(), p => p.Name.StartsWith("OS-EXT-SRV-ATTR:", StringComparison.Ordinal)); // admin-only in Nova
        Assert.Equal("ACTIVE", s.GetProperty("status").GetString());
        Assert.Equal(0, s.GetProperty("progress").GetInt32()); // Nova: 0 for an ACTIVE server
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", s.GetProperty("OS-SRV-USG:launched_at").GetString()!);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, s.GetProperty("OS-SRV-USG:terminated_at").ValueKind);
        var listed = (await Client.ComputeAsync("GET", "servers/detail")).Json.GetProperty("servers")[0];
        Assert.Equal(0, listed.GetProperty("progress").GetInt32());
        Assert.False(listed.TryGetProperty("OS-EXT-SRV-ATTR:host", out _));

        await Client.ComputeAsync("POST", "servers/" + id + "/action", new { reboot = new { type = "SOFT" } });
        var rebooting = (await Client.ComputeAsync("GET", "servers/" + id)).Json.GetProperty("server");
        Assert.Equal("REBOOT", rebooting.GetProperty("status").GetString());
        Assert.False(rebooting.TryGetProperty("progress", out _)); // Nova shows progress only for ACTIVE, BUILD, REBUILD (and resizes)
        await Task.Delay(450);

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Client.ComputeAsync("DELETE", "servers/" + id);
        var deleted = (await Client.ComputeAsync("GET", "servers/detail?changes-since=" + Uri.EscapeDataString(before.ToString("O")))).Json.GetProperty("servers")[0];
        Assert.Equal("DELETED", deleted.GetProperty("status").GetString());
        Assert.False(deleted.TryGetProperty("progress", out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", deleted.GetProperty("OS-SRV-USG:terminated_at").GetString()!);
        Assert.Equal(0, deleted.GetProperty("OS-EXT-STS:power_state").GetInt32());
    }

    [Fact]
    public async Task CreateValidatesInput()
    {
        await Client.LoginAsync();
        string image = await Client.FirstBaseImageAsync();
        (await Client.ComputeAsync("POST", "servers", new { server = new { imageRef = image, flavorRef = "100" } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", "servers", new { server = new { name = "x", imageRef = "nope", flavorRef = "100" } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", "servers", new { server = new { name = "x", imageRef = image, flavorRef = "999" } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", "servers", new { server = new { name = "x", imageRef = image, flavorRef = "100", key_name = "nokey" } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", "servers", new { server = new { name = "x", imageRef = image, flavorRef = "100", security_groups = new[] { new { name = "nogroup" } } } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", "servers", new { server = new { name = 5, imageRef = image, flavorRef = "100" } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", "servers", new { server = new { name = "x", imageRef = image, flavorRef = "100", metadata = new { k = 1 } } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", "servers", new { server = "x" })).AssertFault(400, "badRequest");
        var many = Enumerable.Range(0, 129).ToDictionary(i => "k" + i, i => "v");
        (await Client.ComputeAsync("POST", "servers", new { server = new { name = "x", imageRef = image, flavorRef = "100", metadata = many } })).AssertFault(413, "overLimit");
    }

    [Fact]
    public async Task ListAndDetailFilterByNameStatusImageAndFlavor()
    {
        await Client.LoginAsync();
        var images = (await Client.ComputeAsync("GET", "images?type=BASE")).Json.GetProperty("images").EnumerateArray().Select(EmulatorClient.IdOf).ToList();
        await Client.CreateServerAsync("alpha-1", "100", image: images[0]);
        await Client.CreateServerAsync("alpha-2", "101", image: images[1]);
        await Client.CreateServerAsync("beta-1", "101", image: images[0]);

        var brief = (await Client.ComputeAsync("GET", "servers")).Json.GetProperty("servers");
        Assert.Equal(new[] { "beta-1", "alpha-2", "alpha-1" }, brief.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.False(brief[0].TryGetProperty("status", out _));
        Assert.Equal(2, brief[0].GetProperty("links").GetArrayLength());

        async Task<string[]> Names(string query) => (await Client.ComputeAsync("GET", "servers/detail?" + query)).Json.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(new[] { "alpha-2", "alpha-1" }, await Names("name=alpha"));
        Assert.Equal(new[] { "beta-1", "alpha-1" }, await Names("image=" + images[0]));
        Assert.Equal(new[] { "beta-1", "alpha-2" }, await Names("flavor=101"));
        Assert.Equal(new[] { "alpha-2" }, await Names("flavor=101&name=alpha"));
        Assert.Equal(3, (await Names("status=BUILD")).Length);
        Assert.Empty(await Names("status=ACTIVE"));
        await Task.Delay(450);
        Assert.Equal(3, (await Names("status=active")).Length);
        Assert.Empty(await Names("name=zzz"));
    }

    [Fact]
    public async Task GetUnknownServerIs404ItemNotFound()
    {
        await Client.LoginAsync();
        string message = (await Client.ComputeAsync("GET", "servers/00000000-0000-0000-0000-000000000000")).AssertFault(404, "itemNotFound");
        Assert.Contains("00000000-0000-0000-0000-000000000000", message);
        (await Client.ComputeAsync("PUT", "servers/nope", new { server = new { name = "x" } })).AssertFault(404, "itemNotFound");
        (await Client.ComputeAsync("DELETE", "servers/nope")).AssertFault(404, "itemNotFound");
    }

    [Fact]
    public async Task RenameChangesNameAndUpdated()
    {
        await Client.LoginAsync();
        string id = await Client.CreateServerAsync("old");
        var r = await Client.ComputeAsync("PUT", "servers/" + id, new { server = new { name = "new-name" } });
        Assert.Equal(200, r.Code);
        Assert.Equal("new-name", r.Json.GetProperty("server").GetProperty("name").GetString());
        Assert.Equal("new-name", (await Client.ComputeAsync("GET", "servers/" + id)).Json.GetProperty("server").GetProperty("name").GetString());
        (await Client.ComputeAsync("PUT", "servers/" + id, new { server = new { name = "" } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("PUT", "servers/" + id, new { name = "x" })).AssertFault(400, "badRequest");
    }

    [Fact]
    public async Task DeleteHidesServerButChangesSinceShowsItDeleted()
    {
        await Client.LoginAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        string id = await Client.CreateServerAsync("doomed");
        string keep = await Client.CreateServerAsync("keeper");
        Assert.Equal(204, (await Client.ComputeAsync("DELETE", "servers/" + id)).Code);
        (await Client.ComputeAsync("GET", "servers/" + id)).AssertFault(404, "itemNotFound");
        var list = (await Client.ComputeAsync("GET", "servers/detail")).Json.GetProperty("servers");
        Assert.Single(list.EnumerateArray());
        var changes = (await Client.ComputeAsync("GET", "servers/detail?changes-since=" + Uri.EscapeDataString(before.ToString("yyyy-MM-ddTHH:mm:ssZ")))).Json.GetProperty("servers");
        var statuses = changes.EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("status").GetString());
        Assert.Equal("DELETED", statuses[id]);
        Assert.Equal("BUILD", statuses[keep]);
        var future = (await Client.ComputeAsync("GET", "servers?changes-since=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O")))).Json.GetProperty("servers");
        Assert.Empty(future.EnumerateArray());
        (await Client.ComputeAsync("GET", "servers?changes-since=yesterday")).AssertFault(400, "badRequest");
    }

    [Fact]
    public async Task ServerMetadataListMergeReplaceAndItems()
    {
        await Client.LoginAsync();
        string id = await Client.CreateServerAsync(metadata: new Dictionary<string, string> { ["a"] = "1" });
        string path = "servers/" + id + "/metadata";
        Assert.Equal("1", (await Client.ComputeAsync("GET", path)).Json.GetProperty("metadata").GetProperty("a").GetString());
        var merged = await Client.ComputeAsync("POST", path, new { metadata = new { b = "2" } });
        Assert.Equal(2, merged.Json.GetProperty("metadata").EnumerateObject().Count());
        var replaced = await Client.ComputeAsync("PUT", path, new { metadata = new { c = "3" } });
        Assert.Equal(new[] { "c" }, replaced.Json.GetProperty("metadata").EnumerateObject().Select(p => p.Name));
        Assert.Equal("3", (await Client.ComputeAsync("GET", path + "/c")).Json.GetProperty("meta").GetProperty("c").GetString());
        Assert.Equal(200, (await Client.ComputeAsync("PUT", path + "/d", new { meta = new { d = "4" } })).Code);
        (await Client.ComputeAsync("PUT", path + "/d", new { meta = new { e = "4" } })).AssertFault(400, "badRequest");
        Assert.Equal(204, (await Client.ComputeAsync("DELETE", path + "/d")).Code);
        (await Client.ComputeAsync("GET", path + "/d")).AssertFault(404, "itemNotFound");
        (await Client.ComputeAsync("DELETE", path + "/d")).AssertFault(404, "itemNotFound");
        (await Client.ComputeAsync("GET", "servers/nope/metadata")).AssertFault(404, "itemNotFound");
        var tooMany = Enumerable.Range(0, 129).ToDictionary(i => "k" + i, i => "v");
        (await Client.ComputeAsync("POST", path, new { metadata = tooMany })).AssertFault(413, "overLimit");
    }

    [Fact]
    public async Task DetailListsReflectEveryChangeOfAnAlreadyListedServer()
    {
        await Client.LoginAsync();
        string id = await Client.CreateServerAsync("cached");
        await Task.Delay(450); // settled (ACTIVE): its detail JSON may now be cached
        async Task<System.Text.Json.JsonElement> Listed(string region = "RegionOne") =>
            (await Client.ComputeAsync("GET", "servers/detail", region: region)).Json.GetProperty("servers")[0];
        Assert.Equal("cached", (await Listed()).GetProperty("name").GetString());
        Assert.Equal("cached", (await Listed()).GetProperty("name").GetString());
        await Client.ComputeAsync("PUT", "servers/" + id, new { server = new { name = "renamed" } });
        Assert.Equal("renamed", (await Listed()).GetProperty("name").GetString());
        await Client.ComputeAsync("PUT", "servers/" + id + "/metadata/k", new { meta = new { k = "v" } });
        Assert.Equal("v", (await Listed()).GetProperty("metadata").GetProperty("k").GetString());
        // The same server seen through another API version gets links of that version.
        var v2 = (await Client.GetAsync(Host.BaseUrl + "v2/1234/servers/detail")).Json.GetProperty("servers")[0];
        Assert.StartsWith(Host.BaseUrl + "v2/1234/servers/", v2.GetProperty("links")[0].GetProperty("href").GetString());
        await Client.ComputeAsync("POST", "servers/" + id + "/action", new { reboot = new { type = "HARD" } });
        Assert.Equal("HARD_REBOOT", (await Listed()).GetProperty("status").GetString());
        await Client.ComputeAsync("DELETE", "servers/" + id);
        Assert.Equal(0, (await Client.ComputeAsync("GET", "servers/detail")).Json.GetProperty("servers").GetArrayLength());
    }

    [Fact]
    public async Task MultiCreateWithMaxCount()
    {
        await Client.LoginAsync();
        string image = await Client.FirstBaseImageAsync();
        var r = await Client.ComputeAsync("POST", "servers", new { server = new { name = "many", imageRef = image, flavorRef = "100", min_count = 3, max_count = 3 } });
        Assert.Equal(202, r.Code);
        Assert.Equal(3, (await Client.ComputeAsync("GET", "servers?name=many")).Json.GetProperty("servers").GetArrayLength());
    }
}
