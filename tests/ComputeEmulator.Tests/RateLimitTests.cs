using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

public sealed class LegacyRateLimitTests : EmulatorTestBase
{
    protected override EmulatorOptions CreateOptions() => new()
    {
        BuildDelay = TimeSpan.Zero,
        RateLimits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["GET"] = 3 },
    };

    [Fact]
    public async Task BeyondTheLimitIs413OverLimitWithRetryAfterPerVerb()
    {
        await Client.LoginAsync();
        for (int i = 0; i < 3; i++) Assert.Equal(200, (await Client.ComputeAsync("GET", "flavors")).Code);
        var limited = await Client.ComputeAsync("GET", "servers");
        limited.AssertFault(413, "overLimit");
        Assert.True(int.Parse(limited.Header("Retry-After")!) is > 0 and <= 60);
        Assert.Contains("GET", limited.Json.GetProperty("overLimit").GetProperty("details").GetString());
        Assert.Equal(200, (await Client.ComputeAsync("POST", "os-floating-ips")).Code); // POST has no limit
    }
}

public sealed class ModernRateLimitTests : EmulatorTestBase
{
    protected override EmulatorOptions CreateOptions() => new()
    {
        BuildDelay = TimeSpan.Zero,
        RateLimits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["POST"] = 1 },
        RateLimitStyle = RateLimitStyle.Modern429,
    };

    [Fact]
    public async Task BeyondTheLimitIs429WithRetryAfterAndControlCanChangeLimits()
    {
        await Client.LoginAsync();
        Assert.Equal(200, (await Client.ComputeAsync("POST", "os-floating-ips")).Code);
        var limited = await Client.ComputeAsync("POST", "os-floating-ips");
        Assert.Equal(429, limited.Code);
        Assert.NotNull(limited.Header("Retry-After"));
        Assert.Equal(200, (await Client.ComputeAsync("GET", "servers")).Code);

        Assert.Equal(204, (await Client.ControlAsync("DELETE", "ratelimits")).Code); // back to the start options (fresh window)
        Assert.Equal(200, (await Client.ComputeAsync("POST", "os-floating-ips")).Code);
        await Client.ControlAsync("PUT", "ratelimits", new { limits = new { }, style = "Legacy413" });
        for (int i = 0; i < 3; i++) Assert.Equal(200, (await Client.ComputeAsync("POST", "os-floating-ips")).Code);
        (await Client.ControlAsync("PUT", "ratelimits", new { limits = new { GET = -1 } })).AssertFault(400, "badRequest");
    }
}
