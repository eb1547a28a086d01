using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

public sealed class ImageTests : EmulatorTestBase
{
    protected override EmulatorOptions CreateOptions() => new() { BuildDelay = TimeSpan.Zero, SnapshotDuration = TimeSpan.FromMilliseconds(600), MaxImageMeta = 10 };

    private async Task<(string Server, string Image)> SnapshotAsync(string name = "snap", object? metadata = null)
    {
        string server = await Client.CreateServerAsync("src");
        var r = await Client.ComputeAsync("POST", "servers/" + server + "/action", new { createImage = new { name, metadata = metadata ?? new Dictionary<string, string>() } });
        Assert.True(r.Code == 202, r.Text);
        string location = r.Header("Location")!;
        // As Nova: the image service's URL (the catalog's image endpoint + /images/{id}), not a compute URL.
        Assert.StartsWith(Host.BaseUrl + "image/images/", location);
        return (server, location[(location.LastIndexOf('/') + 1)..]);
    }

    [Fact]
    public async Task CreateImageSavesWithRisingProgressThenActiveWithNovaMetadata()
    {
        await Client.LoginAsync();
        var (server, image) = await SnapshotAsync("nightly", new { purpose = "test" });
        var first = (await Client.ComputeAsync("GET", "images/" + image)).Json.GetProperty("image");
        Assert.Equal("SAVING", first.GetProperty("status").GetString());
        int progress = first.GetProperty("progress").GetInt32();
        Assert.InRange(progress, 0, 99);
        var md = first.GetProperty("metadata");
        Assert.Equal("test", md.GetProperty("purpose").GetString());
        Assert.Equal("snapshot", md.GetProperty("image_type").GetString());
        Assert.Equal(server, md.GetProperty("instance_uuid").GetString());
        Assert.Equal(await Client.FirstBaseImageAsync(), md.GetProperty("base_image_ref").GetString());
        Assert.Equal("demo", md.GetProperty("owner_user_name").GetString());
        Assert.Equal("demo", md.GetProperty("owner_project_name").GetString());
        Assert.Equal("member,reader", md.GetProperty("boot_roles").GetString());
        Assert.Matches("^[0-9a-f]{32}$", md.GetProperty("user_id").GetString()!);
        Assert.Equal(8, md.EnumerateObject().Count()); // Nova's seven keys + the request's one
        foreach (var gone in new[] { "image_location", "image_state", "owner_id" }) Assert.False(md.TryGetProperty(gone, out _), gone);
        Assert.Equal(server, first.GetProperty("server").GetProperty("id").GetString());
        var alternate = first.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "alternate");
        Assert.Equal(Host.BaseUrl + "image/images/" + image, alternate.GetProperty("href").GetString());
        await Task.Delay(250);
        var later = (await Client.ComputeAsync("GET", "images/" + image)).Json.GetProperty("image");
        Assert.True(later.GetProperty("status").GetString() == "ACTIVE" || later.GetProperty("progress").GetInt32() > progress);
        await EmulatorClient.WaitUntilAsync(async () => (await Client.ComputeAsync("GET", "images/" + image)).Json.GetProperty("image").GetProperty("status").GetString() == "ACTIVE");
        var done = (await Client.ComputeAsync("GET", "images/" + image)).Json.GetProperty("image");
        Assert.Equal(100, done.GetProperty("progress").GetInt32());
        Assert.Contains(image, (await Client.ComputeAsync("GET", "images/detail")).Json.GetProperty("images").EnumerateArray().Select(EmulatorClient.IdOf));
    }

    [Fact]
    public async Task SecondCreateImageWhileSavingIs409AndUnknownServer404()
    {
        await Client.LoginAsync();
        var (server, _) = await SnapshotAsync();
        var again = await Client.ComputeAsync("POST", "servers/" + server + "/action", new { createImage = new { name = "again" } });
        again.AssertFault(409, "inProgress");
        await Task.Delay(700);
        Assert.Equal(202, (await Client.ComputeAsync("POST", "servers/" + server + "/action", new { createImage = new { name = "again" } })).Code);
        (await Client.ComputeAsync("POST", "servers/nope/action", new { createImage = new { name = "x" } })).AssertFault(404, "itemNotFound");
        (await Client.ComputeAsync("POST", "servers/" + server + "/action", new { createImage = new { metadata = new { } } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", "servers/" + server + "/action", new { createImage = new { name = "x", metadata = new { k = new string('v', 256) } } })).AssertFault(400, "badRequest");
    }

    [Fact]
    public async Task ListFiltersByServerNameStatusTypeAndChangesSince()
    {
        await Client.LoginAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (server, image) = await SnapshotAsync("mine");
        async Task<List<string>> Ids(string query) => (await Client.ComputeAsync("GET", "images/detail?" + query)).Json.GetProperty("images").EnumerateArray().Select(EmulatorClient.IdOf).ToList();
        Assert.Equal(new[] { image }, await Ids("server=" + server));
        Assert.Equal(new[] { image }, await Ids("server=" + Uri.EscapeDataString(Client.Compute + "/servers/" + server)));
        Assert.Equal(new[] { image }, await Ids("name=mine"));
        Assert.Equal(new[] { image }, await Ids("type=SNAPSHOT"));
        Assert.Equal(new[] { image }, await Ids("status=SAVING"));
        var bases = await Ids("type=BASE");
        Assert.True(bases.Count >= 5);
        Assert.DoesNotContain(image, bases);
        Assert.Equal(new[] { image }, await Ids("changes-since=" + Uri.EscapeDataString(before.ToString("O"))));
        (await Client.ComputeAsync("GET", "images?type=weird")).AssertFault(400, "badRequest");

        Assert.Equal(204, (await Client.ComputeAsync("DELETE", "images/" + image)).Code);
        (await Client.ComputeAsync("GET", "images/" + image)).AssertFault(404, "itemNotFound");
        (await Client.ComputeAsync("DELETE", "images/" + image)).AssertFault(404, "itemNotFound");
        var changes = (await Client.ComputeAsync("GET", "images/detail?changes-since=" + Uri.EscapeDataString(before.ToString("O")))).Json.GetProperty("images");
        Assert.Equal("DELETED", changes[0].GetProperty("status").GetString());
        Assert.Empty(await Ids("type=SNAPSHOT"));
        var brief = (await Client.ComputeAsync("GET", "images")).Json.GetProperty("images")[0];
        Assert.True(brief.TryGetProperty("links", out _));
        Assert.False(brief.TryGetProperty("metadata", out _));
    }

    [Fact]
    public async Task ImageMetadataFollowsRackspaceSemantics()
    {
        await Client.LoginAsync();
        var (_, image) = await SnapshotAsync("meta", new { a = "1" });
        string path = "images/" + image + "/metadata";
        var list = await Client.ComputeAsync("GET", path);
        Assert.Equal("1", list.Json.GetProperty("metadata").GetProperty("a").GetString());
        int baseCount = list.Json.GetProperty("metadata").EnumerateObject().Count();

        var merged = await Client.ComputeAsync("POST", path, new { metadata = new { b = "2", a = "one" } });
        Assert.Equal(200, merged.Code);
        Assert.Equal("one", merged.Json.GetProperty("metadata").GetProperty("a").GetString());
        Assert.Equal(baseCount + 1, merged.Json.GetProperty("metadata").EnumerateObject().Count());

        var replaced = await Client.ComputeAsync("PUT", path, new { metadata = new { only = "this" } });
        Assert.Equal(new[] { "only" }, replaced.Json.GetProperty("metadata").EnumerateObject().Select(p => p.Name));

        var item = await Client.ComputeAsync("GET", path + "/only");
        Assert.Equal("this", item.Json.GetProperty("meta").GetProperty("only").GetString());
        var put = await Client.ComputeAsync("PUT", path + "/label", new { meta = new { label = "Replaced" } });
        Assert.Equal("Replaced", put.Json.GetProperty("meta").GetProperty("label").GetString());
        (await Client.ComputeAsync("PUT", path + "/label", new { meta = new { other = "x" } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("PUT", path + "/label", new { meta = new { label = "x", extra = "y" } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("PUT", path + "/label", new { meta = new { } })).AssertFault(400, "badRequest");
        Assert.Equal(204, (await Client.ComputeAsync("DELETE", path + "/label")).Code);
        // Nova's texts (the references fix only the fault: itemNotFound 404).
        Assert.Equal("The resource could not be found.", (await Client.ComputeAsync("GET", path + "/label")).AssertFault(404, "itemNotFound"));
        Assert.Equal("Invalid metadata key", (await Client.ComputeAsync("DELETE", path + "/label")).AssertFault(404, "itemNotFound"));
        (await Client.ComputeAsync("GET", "images/nope/metadata")).AssertFault(404, "itemNotFound");
        (await Client.ComputeAsync("POST", "images/nope/metadata", new { metadata = new { a = "b" } })).AssertFault(404, "itemNotFound");
    }

    [Fact]
    public async Task ImageMetadataRejectsLongKeysValuesAndTooManyItems()
    {
        await Client.LoginAsync();
        string image = await Client.FirstBaseImageAsync();
        string path = "images/" + image + "/metadata";
        string longKey = new('k', 256);
        Assert.Equal($"Invalid input for field/attribute metadata. Value: {{'{longKey}': 'v'}}. '{longKey}' does not match any of the regexes: '^[a-zA-Z0-9-_:. ]{{1,255}}$'",
            (await Client.ComputeAsync("POST", path, new Dictionary<string, object> { ["metadata"] = new Dictionary<string, string> { [longKey] = "v" } })).AssertFault(400, "badRequest"));
        Assert.StartsWith("Invalid input for field/attribute meta. Value: {'",
            (await Client.ComputeAsync("PUT", path + "/" + longKey, new Dictionary<string, object> { ["meta"] = new Dictionary<string, string> { [longKey] = "v" } })).AssertFault(400, "badRequest"));
        Assert.Contains("does not match any of the regexes",
            (await Client.ComputeAsync("POST", path, new Dictionary<string, object> { ["metadata"] = new Dictionary<string, string> { [""] = "v" } })).AssertFault(400, "badRequest"));
        string longValue = new('v', 256);
        Assert.Equal($"Invalid input for field/attribute lv. Value: {longValue}. '{longValue}' is too long",
            (await Client.ComputeAsync("POST", path, new { metadata = new { lv = longValue } })).AssertFault(400, "badRequest"));
        Assert.Equal(200, (await Client.ComputeAsync("POST", path, new { metadata = new { k = new string('v', 255) } })).Code);
        (await Client.ComputeAsync("POST", path, new { metadata = new { k = 5 } })).AssertFault(400, "badRequest");
        (await Client.ComputeAsync("POST", path, new { metadata = "x" })).AssertFault(400, "badRequest");
        var many = Enumerable.Range(0, 11).ToDictionary(i => "k" + i, i => "v"); // MaxImageMeta is 10 here
        (await Client.ComputeAsync("PUT", path, new { metadata = many })).AssertFault(413, "overLimit");
        var five = Enumerable.Range(0, 5).ToDictionary(i => "n" + i, i => "v");
        (await Client.ComputeAsync("POST", path, new { metadata = five })).AssertFault(413, "overLimit"); // 8 existing + 5 > 10
        Assert.Equal(200, (await Client.ComputeAsync("PUT", path, new { metadata = five })).Code);
    }

    [Fact]
    public async Task NovasSnapshotKeysCountAgainstTheLimitButCreateImageChecksOnlyTheRequest()
    {
        await Client.LoginAsync();
        // MaxImageMeta is 10 here; Nova adds 7 keys to a snapshot.
        var ten = Enumerable.Range(0, 10).ToDictionary(i => "r" + i, i => "v");
        var (_, full) = await SnapshotAsync("full", ten);
        var md = (await Client.ComputeAsync("GET", "images/" + full + "/metadata")).Json.GetProperty("metadata");
        Assert.Equal(17, md.EnumerateObject().Count());
        var eleven = Enumerable.Range(0, 11).ToDictionary(i => "r" + i, i => "v");
        string server = await Client.CreateServerAsync("src2");
        (await Client.ComputeAsync("POST", "servers/" + server + "/action", new { createImage = new { name = "over", metadata = eleven } })).AssertFault(413, "overLimit");

        var (_, image) = await SnapshotAsync("three", new { a = "1", b = "2", c = "3" });
        string path = "images/" + image + "/metadata";
        Assert.Equal(10, (await Client.ComputeAsync("GET", path)).Json.GetProperty("metadata").EnumerateObject().Count());
        (await Client.ComputeAsync("POST", path, new { metadata = new { d = "4" } })).AssertFault(413, "overLimit");
        (await Client.ComputeAsync("PUT", path + "/d", new { meta = new { d = "4" } })).AssertFault(413, "overLimit");
        Assert.Equal(200, (await Client.ComputeAsync("PUT", path + "/a", new { meta = new { a = "changed" } })).Code); // same count
        Assert.Equal(204, (await Client.ComputeAsync("DELETE", path + "/image_type")).Code);
        Assert.Equal(200, (await Client.ComputeAsync("PUT", path + "/d", new { meta = new { d = "4" } })).Code);
    }

    [Fact]
    public async Task TheLocationOfCreateImageServesTheImageThroughTheImageService()
    {
        await Client.LoginAsync();
        string server = await Client.CreateServerAsync("src");
        var r = await Client.ComputeAsync("POST", "servers/" + server + "/action", new { createImage = new { name = "located" } });
        string location = r.Header("Location")!;
        string id = location[(location.LastIndexOf('/') + 1)..];
        var shown = await Client.GetAsync(location);
        Assert.Equal(200, shown.Code);
        Assert.Equal(id, shown.Json.GetProperty("id").GetString());
        Assert.Equal("located", shown.Json.GetProperty("name").GetString());
        Assert.Equal("snapshot", shown.Json.GetProperty("image_type").GetString());
        (await Client.GetAsync(location, auth: false)).AssertAuthMiddleware401(Host.BaseUrl);
        Assert.Equal(id, (await Client.ComputeAsync("GET", "images/" + id)).Json.GetProperty("image").GetProperty("id").GetString());

        // Another region's Location names that region's image endpoint.
        string other = await Client.CreateServerAsync("src", region: "RegionTwo");
        var r2 = await Client.ComputeAsync("POST", "servers/" + other + "/action", new { createImage = new { name = "there" } }, "RegionTwo");
        Assert.StartsWith(Host.BaseUrl + "RegionTwo/image/images/", r2.Header("Location"));
        Assert.Equal("there", (await Client.GetAsync(r2.Header("Location")!)).Json.GetProperty("name").GetString());
    }
}
