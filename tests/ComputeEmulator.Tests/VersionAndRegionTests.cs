using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

public sealed class VersionAndRegionTests : EmulatorTestBase
{
    [Fact]
    public async Task ComputeVersionDocuments()
    {
        var v21 = await Client.GetAsync("v2.1/", auth: false);
        var version = v21.Json.GetProperty("version");
        Assert.Equal("v2.1", version.GetProperty("id").GetString());
        Assert.Equal("CURRENT", version.GetProperty("status").GetString());
        Assert.Equal("2.1", version.GetProperty("version").GetString());
        Assert.Equal("2.1", version.GetProperty("min_version").GetString());
        Assert.Equal(Host.BaseUrl + "v2.1/", version.GetProperty("links")[0].GetProperty("href").GetString());
        Assert.Equal("v2.0", (await Client.GetAsync("v2", auth: false)).Json.GetProperty("version").GetProperty("id").GetString());
        Assert.Equal("v1.1", (await Client.GetAsync("v1.1", auth: false)).Json.GetProperty("version").GetProperty("id").GetString());

        var regionRoot = await Client.GetAsync("RegionTwo/", auth: false);
        var ids = regionRoot.Json.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("id").GetString()).ToList();
        Assert.Equal(new[] { "v2.0", "v2.1" }, ids);

        // With a token, GET / is Nova's version list (compute discovery); without it, Keystone's.
        await Client.LoginAsync();
        var root = await Client.GetAsync("");
        Assert.Equal(200, root.Code);
        Assert.Equal(2, root.Json.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task MicroversionHeadersAreAcceptedAndEchoedAt21()
    {
        await Client.LoginAsync();
        var plain = await Client.ComputeAsync("GET", "servers");
        Assert.Equal("compute 2.1", plain.Header("OpenStack-API-Version"));
        Assert.Equal("2.1", plain.Header("X-OpenStack-Nova-API-Version"));
        foreach (var (name, value) in new[] { ("OpenStack-API-Version", "compute 2.1"), ("OpenStack-API-Version", "compute latest"), ("X-OpenStack-Nova-API-Version", "2.1") })
        {
            var r = await Client.SendAsync("GET", Client.Compute + "/flavors", null, headers: new Dictionary<string, string> { [name] = value });
            Assert.Equal(200, r.Code);
            Assert.Equal("compute 2.1", r.Header("OpenStack-API-Version"));
        }
        var tooNew = await Client.SendAsync("GET", Client.Compute + "/flavors", null, headers: new Dictionary<string, string> { ["OpenStack-API-Version"] = "compute 2.60" });
        tooNew.AssertFault(406, "notAcceptable");
        var bad = await Client.SendAsync("GET", Client.Compute + "/flavors", null, headers: new Dictionary<string, string> { ["X-OpenStack-Nova-API-Version"] = "two" });
        bad.AssertFault(400, "badRequest");
    }

    [Fact]
    public async Task AllThreeApiVersionsServeTheSameData()
    {
        await Client.LoginAsync();
        string id = await Client.CreateServerAsync("shared");
        foreach (var v in new[] { "v2", "v2.1", "v1.1" })
        {
            var r = await Client.GetAsync($"{v}/1234/servers/{id}");
            Assert.Equal(200, r.Code);
            Assert.Equal($"{Host.BaseUrl}{v}/1234/servers/{id}", r.Json.GetProperty("server").GetProperty("links")[0].GetProperty("href").GetString());
        }
    }

    [Fact]
    public async Task EachRegionHasItsOwnData()
    {
        await Client.LoginAsync();
        string one = await Client.CreateServerAsync("in-one");
        string two = await Client.CreateServerAsync("in-two", region: "RegionTwo");
        Assert.Equal(404, (await Client.ComputeAsync("GET", "servers/" + two)).Code);
        Assert.Equal(404, (await Client.ComputeAsync("GET", "servers/" + one, region: "RegionTwo")).Code);
        var r = await Client.ComputeAsync("GET", "servers/" + two, region: "RegionTwo");
        Assert.Equal(Client.ComputeUrls["RegionTwo"] + "/servers/" + two, r.Json.GetProperty("server").GetProperty("links")[0].GetProperty("href").GetString());
        await Client.ControlAsync("POST", "seed", new { servers = 4, images = 0, seed = 9, region = "RegionTwo" });
        Assert.Equal(5, (await Client.ComputeAsync("GET", "servers", region: "RegionTwo")).Json.GetProperty("servers").GetArrayLength());
        Assert.Single((await Client.ComputeAsync("GET", "servers")).Json.GetProperty("servers").EnumerateArray());
        (await Client.GetAsync("RegionNine/v2.1/1234/servers")).AssertFault(404, "itemNotFound");
    }
}
