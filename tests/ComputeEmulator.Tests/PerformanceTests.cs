using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

/// <summary>Page production must not scan or sort: a deep marker costs no more than the first page.</summary>
public sealed class PerformanceTests : EmulatorTestBase
{
    [Fact]
    public async Task PagesOver100kServersAreFastAtAnyDepthAndReportElapsed()
    {
        await Client.LoginAsync();
        var sw = Stopwatch.StartNew();
        Assert.Equal(200, (await Client.ControlAsync("POST", "seed", new { servers = 100_000, images = 0, seed = 1 })).Code);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), "seeding took " + sw.Elapsed);

        // Warm up, then time the first page and a page deep down the list.
        var first = await Client.ComputeAsync("GET", "servers/detail?limit=1000");
        var ids = first.Json.GetProperty("servers");
        Assert.Equal(1000, ids.GetArrayLength());
        // A marker near the oldest end: seeded server number 1,500 of 100,000 (98,500 newer ones come before it).
        var deepResponse = await Client.ComputeAsync("GET", "servers?name=" + Uri.EscapeDataString("^seed-1-001500$"));
        Assert.True(deepResponse.Code == 200, deepResponse.Text);
        var deep = deepResponse.Json.GetProperty("servers");
        string marker = deep[0].GetProperty("id").GetString()!;
        double firstMs = double.MaxValue, deepMs = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var a = await Client.ComputeAsync("GET", "servers/detail?limit=1000");
            firstMs = Math.Min(firstMs, double.Parse(a.Header("X-Emulator-Elapsed-Ms")!, CultureInfo.InvariantCulture));
        }
        for (int i = 0; i < 3; i++)
        {
            var b = await Client.ComputeAsync("GET", "servers/detail?limit=1000&marker=" + marker);
            Assert.Equal(1000, b.Json.GetProperty("servers").GetArrayLength());
            deepMs = Math.Min(deepMs, double.Parse(b.Header("X-Emulator-Elapsed-Ms")!, CultureInfo.InvariantCulture));
        }
        Assert.True(firstMs < 250, $"first page took {firstMs} ms in the server");
        Assert.True(deepMs < 250, $"deep page took {deepMs} ms in the server");
    }
}
