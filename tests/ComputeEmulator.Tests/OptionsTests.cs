using System;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

/// <summary>Command-line options map onto EmulatorOptions; other arguments (--urls) pass through.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void KebabCaseOptionsAreParsedAndTheRestIsLeftForAspNetCore()
    {
        var options = OptionsParser.Parse(
            ["--urls", "http://127.0.0.1:9999", "--seed-servers", "100", "--build-delay", "250ms", "--snapshot-duration=0",
             "--regions", "North,South", "--rate-limits", "GET=10,post=5", "--rate-limit-style", "modern429", "--id-style", "Integer",
             "--token-lifetime", "00:05:00", "--logging", "--tenant-id", "777", "--metadata-limit-style", "Forbidden403", "--scheduled-images", "false"],
            out var rest);
        Assert.Equal(["--urls", "http://127.0.0.1:9999"], rest);
        Assert.Equal(100, options.SeedServers);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.BuildDelay);
        Assert.Equal(TimeSpan.Zero, options.SnapshotDuration);
        Assert.Equal(["North", "South"], options.Regions);
        Assert.Equal(10, options.RateLimits["GET"]);
        Assert.Equal(5, options.RateLimits["POST"]);
        Assert.Equal(RateLimitStyle.Modern429, options.RateLimitStyle);
        Assert.Equal(IdStyle.Integer, options.IdStyle);
        Assert.Equal(TimeSpan.FromMinutes(5), options.TokenLifetime);
        Assert.True(options.Logging);
        Assert.Equal("777", options.TenantId);
        Assert.Equal(MetadataLimitStyle.Forbidden403, options.MetadataLimitStyle);
        Assert.False(options.ScheduledImages);
        Assert.Equal(MetadataLimitStyle.OverLimit413, new EmulatorOptions().MetadataLimitStyle);
        Assert.True(new EmulatorOptions().ScheduledImages);
        Assert.Throws<ArgumentException>(() => OptionsParser.Parse(["--max-page-size", "lots"], out _));
        Assert.Contains("--max-image-meta", OptionsParser.Help());
        Assert.Contains("--metadata-limit-style", OptionsParser.Help());
        Assert.Contains("--scheduled-images", OptionsParser.Help());
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("image")]
    [InlineData("_emulator")]
    [InlineData("a/b")]
    public async Task RegionNamesThatCollideWithRoutesAreRejected(string region)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ComputeEmulatorHost.StartAsync(new EmulatorOptions { Regions = ["RegionOne", region] }));
    }

    [Fact]
    public async Task CustomUserTenantAndRegionsWork()
    {
        await using var host = await ComputeEmulatorHost.StartAsync(new EmulatorOptions
        {
            UserName = "alice", Password = "s3cret", TenantName = "acme", TenantId = "42", Regions = ["North", "South", "East"], BuildDelay = TimeSpan.Zero,
        });
        using var client = new EmulatorClient(host.BaseUrl);
        var r = await client.SendAsync("POST", "v3/auth/tokens", EmulatorClient.V3Body("alice", "s3cret", "acme"), auth: false);
        Assert.Equal(201, r.Code);
        client.Token = r.Header("X-Subject-Token");
        Assert.NotNull(r.Header("x-openstack-request-id"));
        Assert.Equal(200, (await client.GetAsync("v2.1/42/servers")).Code);
        Assert.Equal(200, (await client.GetAsync("East/v2.1/42/servers")).Code);
        (await client.SendAsync("POST", "v3/auth/tokens", EmulatorClient.V3Body(), auth: false)).AssertKeystoneError(401, "Unauthorized");
    }
}
