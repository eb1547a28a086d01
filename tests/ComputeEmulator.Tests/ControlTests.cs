using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

public sealed class ControlTests : EmulatorTestBase
{
    [Fact]
    public async Task SeedIsDeterministicPerSeedAndResetRestoresStartState()
    {
        await Client.LoginAsync();
        var seeded = await Client.ControlAsync("POST", "seed", new { servers = 5, images = 3, seed = 42, region = "RegionOne" });
        Assert.Equal(5, seeded.Json.GetProperty("servers").GetInt32());
        Assert.Equal(3, seeded.Json.GetProperty("images").GetInt32());
        var first = (await Client.ComputeAsync("GET", "servers/detail")).Json.GetProperty("servers").EnumerateArray()
            .Select(s => (EmulatorClient.IdOf(s), s.GetProperty("name").GetString(), s.GetProperty("flavor").GetProperty("id").GetString())).ToList();
        var firstImages = (await Client.ComputeAsync("GET", "images?type=SNAPSHOT")).Json.GetProperty("images").EnumerateArray().Select(EmulatorClient.IdOf).ToList();
        Assert.Equal(3, firstImages.Count);

        Assert.Equal(204, (await Client.ControlAsync("POST", "reset")).Code);
        (await Client.ComputeAsync("GET", "servers")).AssertKeystoneError(401, "Unauthorized"); // tokens are gone too
        await Client.LoginAsync();
        Assert.Empty((await Client.ComputeAsync("GET", "servers")).Json.GetProperty("servers").EnumerateArray());
        Assert.True((await Client.ComputeAsync("GET", "images")).Json.GetProperty("images").GetArrayLength() >= 5); // base images remain
        Assert.Equal(6, (await Client.ComputeAsync("GET", "flavors")).Json.GetProperty("flavors").GetArrayLength());

        await Client.ControlAsync("POST", "seed", new { servers = 5, images = 3, seed = 42 });
        var second = (await Client.ComputeAsync("GET", "servers/detail")).Json.GetProperty("servers").EnumerateArray()
            .Select(s => (EmulatorClient.IdOf(s), s.GetProperty("name").GetString(), s.GetProperty("flavor").GetProperty("id").GetString())).ToList();
        Assert.Equal(first, second);
        Assert.Equal(firstImages, (await Client.ComputeAsync("GET", "images?type=SNAPSHOT")).Json.GetProperty("images").EnumerateArray().Select(EmulatorClient.IdOf));

        // Seeding again with the same seed adds new servers (fresh ids), it does not duplicate ids.
        await Client.ControlAsync("POST", "seed", new { servers = 5, images = 3, seed = 42 });
        var ids = (await Client.ComputeAsync("GET", "servers")).Json.GetProperty("servers").EnumerateArray().Select(EmulatorClient.IdOf).ToList();
        Assert.Equal(10, ids.Distinct().Count());
        Assert.Equal(6, (await Client.ComputeAsync("GET", "images?type=SNAPSHOT")).Json.GetProperty("images").EnumerateArray().Select(EmulatorClient.IdOf).Distinct().Count());

        (await Client.ControlAsync("POST", "seed", new { servers = 1, region = "Nowhere" })).AssertFault(404, "itemNotFound");
        (await Client.ControlAsync("POST", "seed", new { servers = -1 })).AssertFault(400, "badRequest");
        (await Client.ControlAsync("POST", "seed", "{bad json")).AssertFault(400, "badRequest");
    }

    [Fact]
    public async Task RequestLogRecordsServiceCallsButNotControlCallsAndCanBeCleared()
    {
        await Client.LoginAsync();
        await Client.ComputeAsync("GET", "servers/detail?limit=2");
        await Client.ComputeAsync("GET", "servers/nope");
        var log = (await Client.ControlAsync("GET", "requests")).Json.GetProperty("requests").EnumerateArray().ToList();
        Assert.Equal(3, log.Count);
        Assert.Equal("POST", log[0].GetProperty("method").GetString());
        Assert.Equal("/v3/auth/tokens", log[0].GetProperty("path").GetString());
        Assert.Equal(201, log[0].GetProperty("status").GetInt32());
        Assert.Equal("/v2.1/1234/servers/detail", log[1].GetProperty("path").GetString());
        Assert.Equal("?limit=2", log[1].GetProperty("query").GetString());
        Assert.Equal(404, log[2].GetProperty("status").GetInt32());
        Assert.True(DateTimeOffset.Parse(log[1].GetProperty("time").GetString()!) <= DateTimeOffset.UtcNow);
        Assert.True(log[1].GetProperty("durationMs").GetDouble() >= 0);

        Assert.Equal(204, (await Client.ControlAsync("DELETE", "requests")).Code);
        Assert.Empty((await Client.ControlAsync("GET", "requests")).Json.GetProperty("requests").EnumerateArray());
    }

    [Fact]
    public async Task FaultsFailExactlyTheNextNMatchingRequestsWithRetryAfter()
    {
        await Client.LoginAsync();
        var put = await Client.ControlAsync("PUT", "faults", new { errorRate = 1.0, statusCodes = new[] { 503 }, retryAfterSeconds = 2, pathPattern = "/servers", methods = new[] { "GET" }, count = 2 });
        Assert.Equal(204, put.Code);
        Assert.Equal(200, (await Client.ComputeAsync("GET", "flavors")).Code); // path does not match
        Assert.Equal(202, (await Client.ComputeAsync("POST", "servers", new { server = new { name = "x", imageRef = await Client.FirstBaseImageAsync(), flavorRef = "100" } })).Code); // method does not match
        for (int i = 0; i < 2; i++)
        {
            var failed = await Client.ComputeAsync("GET", "servers");
            failed.AssertFault(503, "serviceUnavailable");
            Assert.Equal("2", failed.Header("Retry-After"));
        }
        Assert.Equal(200, (await Client.ComputeAsync("GET", "servers")).Code);
        var statuses = (await Client.ControlAsync("GET", "requests")).Json.GetProperty("requests").EnumerateArray().Select(e => e.GetProperty("status").GetInt32()).ToList();
        Assert.Equal(2, statuses.Count(s => s == 503)); // faulted requests are logged too
    }

    [Fact]
    public async Task FaultsWithSeedAreDeterministicAndDeleteClearsThem()
    {
        await Client.LoginAsync();
        async Task<List<int>> Run()
        {
            await Client.ControlAsync("PUT", "faults", new { errorRate = 0.5, statusCodes = new[] { 500, 503 }, seed = 11, pathPattern = "flavors" });
            var codes = new List<int>();
            for (int i = 0; i < 12; i++) codes.Add((await Client.ComputeAsync("GET", "flavors")).Code);
            return codes;
        }
        var a = await Run();
        var b = await Run();
        Assert.Equal(a, b);
        Assert.Contains(200, a);
        Assert.Contains(a, c => c is 500 or 503);
        var fault = await Client.ComputeAsync("GET", "flavors");
        if (fault.Code == 500) fault.AssertFault(500, "computeFault");
        Assert.Equal(204, (await Client.ControlAsync("DELETE", "faults")).Code);
        for (int i = 0; i < 5; i++) Assert.Equal(200, (await Client.ComputeAsync("GET", "flavors")).Code);
    }

    [Fact]
    public async Task FaultsApplyToIdentityButNeverToControlRoutes()
    {
        await Client.ControlAsync("PUT", "faults", new { errorRate = 1.0, statusCodes = new[] { 500 } });
        (await Client.SendAsync("POST", "v3/auth/tokens", EmulatorClient.V3Body(), auth: false)).AssertKeystoneError(500, "Internal Server Error");
        Assert.Equal(200, (await Client.ControlAsync("GET", "requests")).Code);
        Assert.Equal(204, (await Client.ControlAsync("DELETE", "faults")).Code);
        await Client.LoginAsync();
    }

    [Fact]
    public async Task LatencyDropAndTruncate()
    {
        await Client.LoginAsync();
        await Client.ControlAsync("PUT", "faults", new { latencyMs = 300, pathPattern = "flavors", count = 1 });
        var sw = Stopwatch.StartNew();
        Assert.Equal(200, (await Client.ComputeAsync("GET", "flavors")).Code);
        Assert.True(sw.ElapsedMilliseconds >= 280, sw.ElapsedMilliseconds.ToString());

        await Client.ControlAsync("PUT", "faults", new { dropRate = 1.0, pathPattern = "flavors", count = 1 });
        await Assert.ThrowsAsync<HttpRequestException>(() => Client.ComputeAsync("GET", "flavors"));
        Assert.Equal(200, (await Client.ComputeAsync("GET", "flavors")).Code);

        await Client.ControlAsync("PUT", "faults", new { truncateRate = 1.0, pathPattern = "servers", count = 1 });
        await Client.ControlAsync("POST", "seed", new { servers = 20 });
        var ex = await Record.ExceptionAsync(() => Client.ComputeAsync("GET", "servers/detail"));
        Assert.NotNull(ex); // declared Content-Length, half the body, then the connection closes
        Assert.Equal(200, (await Client.ComputeAsync("GET", "servers/detail")).Code);
        var log = (await Client.ControlAsync("GET", "requests")).Json.GetProperty("requests").EnumerateArray().Select(e => e.GetProperty("status").GetInt32()).ToList();
        Assert.Equal(2, log.Count(s => s == 0)); // dropped and truncated requests are logged with status 0
    }

    [Fact]
    public async Task InvalidFaultSettingsAre400()
    {
        (await Client.ControlAsync("PUT", "faults", new { errorRate = 2.0 })).AssertFault(400, "badRequest");
        (await Client.ControlAsync("PUT", "faults", new { statusCodes = new[] { 200 }, errorRate = 1 })).AssertFault(400, "badRequest");
        (await Client.ControlAsync("PUT", "faults", new { pathPattern = "(" })).AssertFault(400, "badRequest");
        (await Client.ControlAsync("PUT", "faults", "{\"errorRate\":\"high\"}")).AssertFault(400, "badRequest");
        (await Client.ControlAsync("GET", "nothing")).AssertFault(404, "itemNotFound");
        (await Client.ControlAsync("PUT", "faults", "[]")).AssertFault(400, "badRequest");
        Assert.Equal(204, (await Client.ControlAsync("PUT", "faults", "{\"statusCodes\":null,\"methods\":null,\"count\":0}")).Code);
        Assert.Equal(200, (await Client.GetAsync("v3", auth: false)).Code); // count 0: nothing is faulted
    }

    [Fact]
    public async Task ConfigChangesDelaysAtRuntimeAndResetRestoresThem()
    {
        var r = await Client.ControlAsync("PUT", "config", new { buildDelayMs = 5000, maxPageSize = 3 });
        Assert.Equal(5000, r.Json.GetProperty("buildDelayMs").GetInt32());
        await Client.LoginAsync();
        string id = await Client.CreateServerAsync();
        Assert.Equal("BUILD", (await Client.ComputeAsync("GET", "servers/" + id)).Json.GetProperty("server").GetProperty("status").GetString());
        await Client.ControlAsync("POST", "seed", new { servers = 5 });
        Assert.Equal(3, (await Client.ComputeAsync("GET", "servers")).Json.GetProperty("servers").GetArrayLength());
        await Client.ControlAsync("POST", "reset");
        Assert.Equal(0, (await Client.ControlAsync("GET", "config")).Json.GetProperty("buildDelayMs").GetInt32());
    }
}
