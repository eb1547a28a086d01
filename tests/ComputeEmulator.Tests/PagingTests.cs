using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

public sealed class PagingTests : EmulatorTestBase
{
    protected override EmulatorOptions CreateOptions() => new() { BuildDelay = TimeSpan.Zero, MaxPageSize = 50 };

    private static string? NextHref(JsonElement body, string collection) =>
        body.TryGetProperty(collection + "_links", out var links)
            ? links.EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "next").Select(l => l.GetProperty("href").GetString()).FirstOrDefault()
            : null;

    [Fact]
    public async Task FollowingNextLinksVisitsEveryServerOnceNewestFirstEndingWithEmptyPage()
    {
        await Client.LoginAsync();
        Assert.Equal(200, (await Client.ControlAsync("POST", "seed", new { servers = 25, images = 0, seed = 7 })).Code);
        var seen = new List<string>();
        string? url = Client.Compute + "/servers/detail?limit=5";
        int pages = 0;
        while (url is not null)
        {
            var r = await Client.GetAsync(url);
            Assert.Equal(200, r.Code);
            var items = r.Json.GetProperty("servers").EnumerateArray().ToList();
            seen.AddRange(items.Select(s => s.GetProperty("name").GetString()!));
            url = NextHref(r.Json, "servers");
            if (url is not null) Assert.Contains("limit=5", url);
            pages++;
        }
        Assert.Equal(6, pages); // 5 full pages, each with a next link, then an empty page
        Assert.Equal(25, seen.Distinct().Count());
        Assert.Equal(seen.OrderByDescending(n => n, StringComparer.Ordinal), seen); // seeded names rise with creation time
    }

    [Fact]
    public async Task PagingAcrossPageBoundariesWhileOthersInsertNeverSkipsOrRepeats()
    {
        await Client.LoginAsync();
        await Client.ControlAsync("POST", "seed", new { servers = 60, images = 0, seed = 3 });
        var original = new HashSet<string>((await Client.ComputeAsync("GET", "servers?limit=50")).Json.GetProperty("servers").EnumerateArray().Select(EmulatorClient.IdOf));
        string? marker = null;
        var all = (await Client.ComputeAsync("GET", "servers?limit=50")).Json.GetProperty("servers").EnumerateArray().Select(EmulatorClient.IdOf).ToList();
        all.AddRange((await Client.ComputeAsync("GET", "servers?limit=50&marker=" + all[^1])).Json.GetProperty("servers").EnumerateArray().Select(EmulatorClient.IdOf));
        Assert.Equal(60, all.Count);

        using var cts = new CancellationTokenSource();
        string image = await Client.FirstBaseImageAsync();
        using var writer = new EmulatorClient(Host.BaseUrl) { Token = Client.Token };
        writer.ComputeUrls["RegionOne"] = Client.Compute;
        int inserted = 0;
        var inserter = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                await writer.ComputeAsync("POST", "servers", new { server = new { name = "concurrent", imageRef = image, flavorRef = "100" } });
                Interlocked.Increment(ref inserted);
            }
        });

        var paged = new List<string>();
        do
        {
            var r = await Client.ComputeAsync("GET", "servers?limit=7" + (marker is null ? "" : "&marker=" + marker));
            Assert.Equal(200, r.Code);
            var ids = r.Json.GetProperty("servers").EnumerateArray().Select(EmulatorClient.IdOf).ToList();
            paged.AddRange(ids);
            marker = NextHref(r.Json, "servers") is null ? null : ids[^1];
            await Task.Delay(5);
        }
        while (marker is not null);
        cts.Cancel();
        await inserter;

        Assert.True(inserted > 0);
        Assert.Equal(paged.Count, paged.Distinct().Count());
        // Every server that existed before paging began is seen exactly once, in newest-first order.
        var originals = paged.Where(all.Contains).ToList();
        Assert.Equal(all, originals);
    }

    [Fact]
    public async Task LimitIsCappedAtMaxPageSizeAndDefaultsToIt()
    {
        await Client.LoginAsync();
        await Client.ControlAsync("POST", "seed", new { servers = 120, images = 0, seed = 1 });
        var big = await Client.ComputeAsync("GET", "servers?limit=5000");
        Assert.Equal(50, big.Json.GetProperty("servers").GetArrayLength());
        Assert.NotNull(NextHref(big.Json, "servers"));
        var noLimit = await Client.ComputeAsync("GET", "servers/detail");
        Assert.Equal(50, noLimit.Json.GetProperty("servers").GetArrayLength());
        Assert.Contains("limit=50", NextHref(noLimit.Json, "servers"));
        var zero = await Client.ComputeAsync("GET", "servers?limit=0");
        Assert.Equal(0, zero.Json.GetProperty("servers").GetArrayLength());
        Assert.Null(NextHref(zero.Json, "servers"));
    }

    [Theory]
    [InlineData("servers?marker=does-not-exist")]
    [InlineData("servers/detail?marker=does-not-exist")]
    [InlineData("images?marker=does-not-exist")]
    [InlineData("images/detail?marker=does-not-exist")]
    [InlineData("servers?limit=abc")]
    [InlineData("servers?limit=-1")]
    [InlineData("images/detail?limit=1.5")]
    public async Task BadMarkerOrLimitIs400(string query)
    {
        await Client.LoginAsync();
        (await Client.ComputeAsync("GET", query)).AssertFault(400, "badRequest");
    }

    [Fact]
    public async Task MarkerOfDeletedServerStillPages()
    {
        await Client.LoginAsync();
        await Client.ControlAsync("POST", "seed", new { servers = 6, images = 0, seed = 2 });
        var first = (await Client.ComputeAsync("GET", "servers?limit=3")).Json.GetProperty("servers").EnumerateArray().Select(EmulatorClient.IdOf).ToList();
        await Client.ComputeAsync("DELETE", "servers/" + first[^1]);
        var next = (await Client.ComputeAsync("GET", "servers?limit=3&marker=" + first[^1])).Json.GetProperty("servers");
        Assert.Equal(3, next.GetArrayLength());
    }

    [Fact]
    public async Task ImagesPageWithImagesLinks()
    {
        await Client.LoginAsync();
        await Client.ControlAsync("POST", "seed", new { servers = 3, images = 10, seed = 5 });
        var seen = new List<string>();
        string? url = Client.Compute + "/images/detail?limit=4&type=SNAPSHOT";
        while (url is not null)
        {
            var r = await Client.GetAsync(url);
            seen.AddRange(r.Json.GetProperty("images").EnumerateArray().Select(EmulatorClient.IdOf));
            url = NextHref(r.Json, "images");
            if (url is not null) Assert.Contains("type=SNAPSHOT", url);
        }
        Assert.Equal(10, seen.Distinct().Count());
        Assert.Equal(10, seen.Count);
    }
}
