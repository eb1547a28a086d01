using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

public sealed class ScheduleTests : EmulatorTestBase
{
    protected override EmulatorOptions CreateOptions() => new() { BuildDelay = TimeSpan.Zero, SnapshotDuration = TimeSpan.Zero };

    [Fact]
    public async Task EnableDailyThenWeeklyReplacesGetShowsItDeleteDisables()
    {
        await Client.LoginAsync();
        string server = await Client.CreateServerAsync("db01");
        string path = "servers/" + server + "/rax-si-image-schedule";
        var daily = await Client.ComputeAsync("POST", path, new { image_schedule = new { retention = 7 } });
        Assert.Equal(200, daily.Code);
        Assert.Equal(7, daily.Json.GetProperty("image_schedule").GetProperty("retention").GetInt32());
        Assert.False(daily.Json.GetProperty("image_schedule").TryGetProperty("day_of_week", out _));

        var weekly = await Client.ComputeAsync("POST", path, new { image_schedule = new { retention = 5, day_of_week = "SATURDAY" } });
        Assert.Equal(200, weekly.Code);
        var got = (await Client.ComputeAsync("GET", path)).Json.GetProperty("image_schedule");
        Assert.Equal(5, got.GetProperty("retention").GetInt32());
        Assert.Equal("SATURDAY", got.GetProperty("day_of_week").GetString());

        await Client.ComputeAsync("POST", path, new { image_schedule = new { retention = 2 } });
        Assert.False((await Client.ComputeAsync("GET", path)).Json.GetProperty("image_schedule").TryGetProperty("day_of_week", out _));

        var delete = await Client.ComputeAsync("DELETE", path);
        Assert.Equal(202, delete.Code);
        string message = (await Client.ComputeAsync("GET", path)).AssertFault(404, "itemNotFound");
        Assert.Equal("Image schedule does not exist for server " + server, message);
        (await Client.ComputeAsync("DELETE", path)).AssertFault(404, "itemNotFound");
    }

    [Theory]
    [InlineData("{\"image_schedule\":{\"retention\":0}}")]
    [InlineData("{\"image_schedule\":{\"retention\":65536}}")]
    [InlineData("{\"image_schedule\":{\"retention\":\"7\"}}")]
    [InlineData("{\"image_schedule\":{\"retention\":1.5}}")]
    [InlineData("{\"image_schedule\":{}}")]
    [InlineData("{\"image_schedule\":{\"retention\":3,\"day_of_week\":\"FUNDAY\"}}")]
    [InlineData("{\"image_schedule\":{\"retention\":3,\"day_of_week\":\"saturday\"}}")]
    [InlineData("{\"image_schedule\":{\"retention\":3,\"day_of_week\":6}}")]
    [InlineData("{\"retention\":3}")]
    [InlineData("[]")]
    public async Task InvalidSchedulesAre400(string body)
    {
        await Client.LoginAsync();
        string server = await Client.CreateServerAsync();
        (await Client.ComputeAsync("POST", "servers/" + server + "/rax-si-image-schedule", body)).AssertFault(400, "badRequest");
    }

    [Fact]
    public async Task RetentionBoundsAreAccepted()
    {
        await Client.LoginAsync();
        string server = await Client.CreateServerAsync();
        Assert.Equal(200, (await Client.ComputeAsync("POST", "servers/" + server + "/rax-si-image-schedule", "{\"image_schedule\":{\"retention\":1}}")).Code);
        Assert.Equal(200, (await Client.ComputeAsync("POST", "servers/" + server + "/rax-si-image-schedule", "{\"image_schedule\":{\"retention\":65535,\"day_of_week\":\"SUNDAY\"}}")).Code);
    }

    [Fact]
    public async Task UnknownServerIs404()
    {
        await Client.LoginAsync();
        (await Client.ComputeAsync("GET", "servers/nope/rax-si-image-schedule")).AssertFault(404, "itemNotFound");
        (await Client.ComputeAsync("POST", "servers/nope/rax-si-image-schedule", new { image_schedule = new { retention = 1 } })).AssertFault(404, "itemNotFound");
    }

    [Fact]
    public async Task RunningSchedulesSnapshotsAndCullsOldestBeyondRetention()
    {
        await Client.LoginAsync();
        string daily = await Client.CreateServerAsync("app01");
        string weekly = await Client.CreateServerAsync("app02");
        string none = await Client.CreateServerAsync("app03");
        await Client.ComputeAsync("POST", "servers/" + daily + "/rax-si-image-schedule", new { image_schedule = new { retention = 2 } });
        await Client.ComputeAsync("POST", "servers/" + weekly + "/rax-si-image-schedule", new { image_schedule = new { retention = 1, day_of_week = "MONDAY" } });
        // A manual snapshot without the scheduled-images marker is never culled.
        var manual = await Client.ComputeAsync("POST", "servers/" + daily + "/action", new { createImage = new { name = "keep-me" } });
        string manualId = manual.Header("Location")!.Split('/').Last();

        var createdOrder = new System.Collections.Generic.List<string>();
        for (int run = 0; run < 4; run++)
        {
            var r = await Client.ControlAsync("POST", "schedules/run");
            Assert.Equal(200, r.Code);
            var created = r.Json.GetProperty("created").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Equal(2, created.Count);
            createdOrder.AddRange(created);
            var deleted = r.Json.GetProperty("deleted").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Equal(run switch { 0 => 0, 1 => 1, _ => 2 }, deleted.Count);
        }

        var images = (await Client.ComputeAsync("GET", "images/detail?server=" + daily)).Json.GetProperty("images").EnumerateArray().ToList();
        var scheduled = images.Where(i => i.GetProperty("metadata").TryGetProperty("org.openstack__1__created-by", out var v) && v.GetString() == "scheduled-images-service").ToList();
        Assert.Equal(2, scheduled.Count);
        Assert.All(scheduled, i => Assert.Matches("^daily-app01-\\d{10}$", i.GetProperty("name").GetString()!));
        Assert.Contains(images, i => EmulatorClient.IdOf(i) == manualId);
        // The two newest daily snapshots survive: they come from the last two runs (two ids per run).
        var lastTwoRuns = createdOrder.Skip(4).ToList();
        Assert.All(scheduled, i => Assert.Contains(EmulatorClient.IdOf(i), lastTwoRuns));

        var weeklyImages = (await Client.ComputeAsync("GET", "images/detail?server=" + weekly)).Json.GetProperty("images").EnumerateArray().ToList();
        Assert.Single(weeklyImages);
        Assert.StartsWith("weekly-app02-", weeklyImages[0].GetProperty("name").GetString());
        Assert.Empty((await Client.ComputeAsync("GET", "images/detail?server=" + none)).Json.GetProperty("images").EnumerateArray());

        // Removing the marker from an image saves it from culling.
        string saved = EmulatorClient.IdOf(scheduled[0]);
        Assert.Equal(204, (await Client.ComputeAsync("DELETE", "images/" + saved + "/metadata/org.openstack__1__created-by")).Code);
        await Client.ControlAsync("POST", "schedules/run");
        Assert.Equal(200, (await Client.ComputeAsync("GET", "images/" + saved)).Code);
    }

    [Fact]
    public async Task DeletedServerLosesItsSchedule()
    {
        await Client.LoginAsync();
        string server = await Client.CreateServerAsync();
        await Client.ComputeAsync("POST", "servers/" + server + "/rax-si-image-schedule", new { image_schedule = new { retention = 3 } });
        await Client.ComputeAsync("DELETE", "servers/" + server);
        var run = await Client.ControlAsync("POST", "schedules/run");
        Assert.Equal(0, run.Json.GetProperty("created").GetArrayLength());
    }
}
