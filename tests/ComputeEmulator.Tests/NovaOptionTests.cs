using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

/// <summary>
/// The options that switch a reference-fixed behaviour to real Nova's: MetadataLimitStyle (413 overLimit or Nova's
/// 403 forbidden) and ScheduledImages (off: rax-si-image-schedule is a route Nova does not have).
/// </summary>
public sealed class NovaOptionTests : EmulatorTestBase
{
    protected override EmulatorOptions CreateOptions() => new() { BuildDelay = TimeSpan.Zero, SnapshotDuration = TimeSpan.Zero, MaxImageMeta = 10, MaxServerMeta = 3 };

    private const string NoRouteMessage = "The resource could not be found.<br /><br />\n\n\n";

    private async Task<string> SnapshotAsync(object? metadata = null)
    {
        string server = await Client.CreateServerAsync("src");
        var r = await Client.ComputeAsync("POST", "servers/" + server + "/action", new { createImage = new { name = "snap", metadata = metadata ?? new { } } });
        Assert.Equal(202, r.Code);
        return r.Header("Location")!.Split('/').Last();
    }

    [Fact]
    public async Task MetadataLimitIs413OverLimitByDefaultAnd403ForbiddenInNovaStyle()
    {
        await Client.LoginAsync();
        Assert.Equal("OverLimit413", (await Client.ControlAsync("GET", "config")).Json.GetProperty("metadataLimitStyle").GetString());
        string image = await SnapshotAsync(new { a = "1", b = "2", c = "3" }); // 7 Nova keys + 3 = 10
        string path = "images/" + image + "/metadata";
        string server = await Client.CreateServerAsync("meta", metadata: new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "3" });
        (await Client.ComputeAsync("PUT", path + "/d", new { meta = new { d = "4" } })).AssertFault(413, "overLimit");
        (await Client.ComputeAsync("POST", "servers/" + server + "/metadata", new { metadata = new { d = "4" } })).AssertFault(413, "overLimit");

        var config = await Client.ControlAsync("PUT", "config", new { metadataLimitStyle = "Forbidden403" });
        Assert.Equal("Forbidden403", config.Json.GetProperty("metadataLimitStyle").GetString());
        var forbidden = await Client.ComputeAsync("PUT", path + "/d", new { meta = new { d = "4" } });
        Assert.Equal("Image metadata limit exceeded", forbidden.AssertFault(403, "forbidden"));
        Assert.Equal("{\"forbidden\":{\"code\":403,\"message\":\"Image metadata limit exceeded\"}}", forbidden.Text);
        Assert.Equal("Image metadata limit exceeded", (await Client.ComputeAsync("POST", path, new { metadata = new { d = "4" } })).AssertFault(403, "forbidden"));
        var many = Enumerable.Range(0, 11).ToDictionary(i => "k" + i, i => "v");
        Assert.Equal("Image metadata limit exceeded", (await Client.ComputeAsync("PUT", path, new { metadata = many })).AssertFault(403, "forbidden"));
        string other = await Client.CreateServerAsync("src2");
        Assert.Equal("Image metadata limit exceeded",
            (await Client.ComputeAsync("POST", "servers/" + other + "/action", new { createImage = new { name = "x", metadata = many } })).AssertFault(403, "forbidden"));
        Assert.Equal("Maximum number of metadata items exceeds 3",
            (await Client.ComputeAsync("POST", "servers/" + server + "/metadata", new { metadata = new { d = "4" } })).AssertFault(403, "forbidden"));
        string image2 = await Client.FirstBaseImageAsync();
        (await Client.ComputeAsync("POST", "servers", new { server = new { name = "x", imageRef = image2, flavorRef = "100", metadata = new { a = "1", b = "2", c = "3", d = "4" } } })).AssertFault(403, "forbidden");

        (await Client.ControlAsync("PUT", "config", new { metadataLimitStyle = "Teapot418" })).AssertFault(400, "badRequest");
        Assert.Equal(204, (await Client.ControlAsync("POST", "reset")).Code);
        Assert.Equal("OverLimit413", (await Client.ControlAsync("GET", "config")).Json.GetProperty("metadataLimitStyle").GetString());
    }

    [Fact]
    public async Task ForbiddenStyleFromTheStartOptions()
    {
        await using var host = await ComputeEmulatorHost.StartAsync(new EmulatorOptions { BuildDelay = TimeSpan.Zero, MetadataLimitStyle = MetadataLimitStyle.Forbidden403, MaxImageMeta = 7 });
        using var client = new EmulatorClient(host.BaseUrl);
        await client.LoginAsync();
        string image = await client.FirstBaseImageAsync(); // 7 HP properties
        Assert.Equal("Image metadata limit exceeded", (await client.ComputeAsync("POST", "images/" + image + "/metadata", new { metadata = new { x = "1" } })).AssertFault(403, "forbidden"));
        Assert.Equal(204, (await client.ControlAsync("POST", "reset")).Code);
        Assert.Equal("Forbidden403", (await client.ControlAsync("GET", "config")).Json.GetProperty("metadataLimitStyle").GetString());
    }

    [Fact]
    public async Task WithoutScheduledImagesTheRouteAnswersLikeNovasRoutesLayerAndTheExtensionIsGone()
    {
        await Client.LoginAsync();
        string server = await Client.CreateServerAsync("db01");
        string path = "servers/" + server + "/rax-si-image-schedule";
        Assert.Equal(200, (await Client.ComputeAsync("POST", path, new { image_schedule = new { retention = 2 } })).Code);
        Assert.Contains("rax-si-image-schedule", await AliasesAsync());
        Assert.True((await Client.ControlAsync("GET", "config")).Json.GetProperty("scheduledImages").GetBoolean());

        var config = await Client.ControlAsync("PUT", "config", new { scheduledImages = false });
        Assert.False(config.Json.GetProperty("scheduledImages").GetBoolean());
        foreach (var (method, url) in new[] { ("GET", path), ("POST", path), ("DELETE", path), ("PATCH", path), ("GET", "servers/no-such-server/rax-si-image-schedule") })
        {
            var r = await Client.ComputeAsync(method, url, method is "POST" or "PATCH" ? new { image_schedule = new { retention = 1 } } : null);
            Assert.Equal(404, r.Code);
            Assert.Equal(3, r.Json.EnumerateObject().Count());
            Assert.Equal(NoRouteMessage, r.Json.GetProperty("message").GetString());
            Assert.Equal("404 Not Found", r.Json.GetProperty("code").GetString());
            Assert.Equal("Not Found", r.Json.GetProperty("title").GetString());
            Assert.Null(r.Header("OpenStack-API-Version"));
            Assert.StartsWith("req-", r.Header("x-compute-request-id"));
        }
        Assert.DoesNotContain("rax-si-image-schedule", await AliasesAsync());
        (await Client.ComputeAsync("GET", "extensions/rax-si-image-schedule")).AssertFault(404, "itemNotFound");
        Assert.Contains("os-keypairs", await AliasesAsync());
        var run = await Client.ControlAsync("POST", "schedules/run");
        Assert.Empty(run.Json.GetProperty("created").EnumerateArray()); // no scheduled-images service either
        Assert.Equal(200, (await Client.ComputeAsync("GET", "servers/" + server)).Code); // the rest is unchanged

        (await Client.ControlAsync("PUT", "config", new { scheduledImages = "no" })).AssertFault(400, "badRequest");
        await Client.ControlAsync("PUT", "config", new { scheduledImages = true });
        Assert.Equal(2, (await Client.ComputeAsync("GET", path)).Json.GetProperty("image_schedule").GetProperty("retention").GetInt32());
    }

    [Fact]
    public async Task ScheduledImagesOffFromTheStartOptionsAndBackOnAfterResetOnlyIfTheOptionsSaySo()
    {
        await using var host = await ComputeEmulatorHost.StartAsync(new EmulatorOptions { BuildDelay = TimeSpan.Zero, ScheduledImages = false });
        using var client = new EmulatorClient(host.BaseUrl);
        await client.LoginAsync();
        string server = await client.CreateServerAsync("x");
        var r = await client.ComputeAsync("GET", "servers/" + server + "/rax-si-image-schedule");
        Assert.Equal("404 Not Found", r.Json.GetProperty("code").GetString());
        await client.ControlAsync("PUT", "config", new { scheduledImages = true });
        await client.ControlAsync("POST", "reset");
        Assert.False((await client.ControlAsync("GET", "config")).Json.GetProperty("scheduledImages").GetBoolean());
    }

    private async Task<List<string?>> AliasesAsync() =>
        (await Client.ComputeAsync("GET", "extensions")).Json.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("alias").GetString()).ToList();
}
