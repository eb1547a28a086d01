using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

/// <summary>HP v1.1 style: integer server ids plus a uuid, v1.1 catalog URLs.</summary>
public sealed class IntegerIdTests : EmulatorTestBase
{
    protected override EmulatorOptions CreateOptions() => new() { BuildDelay = TimeSpan.Zero, IdStyle = IdStyle.Integer, SnapshotDuration = TimeSpan.Zero };

    [Fact]
    public async Task ServersHaveIntegerIdAndUuidAndAreReachableByBoth()
    {
        await Client.LoginAsync();
        Assert.Equal(Host.BaseUrl + "v1.1/1234", Client.Compute);
        var created = await Client.ComputeAsync("POST", "servers", new { server = new { name = "hp", imageRef = "5579", flavorRef = 100 } });
        Assert.Equal(202, created.Code);
        var idElement = created.Json.GetProperty("server").GetProperty("id");
        Assert.Equal(JsonValueKind.Number, idElement.ValueKind);
        string id = idElement.GetRawText();
        string uuid = created.Json.GetProperty("server").GetProperty("uuid").GetString()!;
        Assert.True(Guid.TryParse(uuid, out _));
        var byId = (await Client.ComputeAsync("GET", "servers/" + id)).Json.GetProperty("server");
        var byUuid = (await Client.ComputeAsync("GET", "servers/" + uuid)).Json.GetProperty("server");
        Assert.Equal(byId.GetProperty("id").GetInt64(), byUuid.GetProperty("id").GetInt64());
        Assert.Equal(uuid, byId.GetProperty("uuid").GetString());
        var brief = (await Client.ComputeAsync("GET", "servers")).Json.GetProperty("servers")[0];
        Assert.Equal(uuid, brief.GetProperty("uuid").GetString());
        Assert.Equal(JsonValueKind.Number, (await Client.ComputeAsync("GET", "flavors")).Json.GetProperty("flavors")[0].GetProperty("id").ValueKind);

        var image = await Client.ComputeAsync("POST", "servers/" + id + "/action", new { createImage = new { name = "hp-snap" } });
        string imageId = image.Header("Location")!.Split('/').Last();
        Assert.True(long.TryParse(imageId, out _));
        Assert.Equal(id, (await Client.ComputeAsync("GET", "images/" + imageId)).Json.GetProperty("image").GetProperty("server").GetProperty("id").GetString());
        Assert.Equal(200, (await Client.ComputeAsync("GET", "servers?limit=1&marker=" + uuid)).Code);
        Assert.Equal(204, (await Client.ComputeAsync("DELETE", "servers/" + uuid)).Code);
        (await Client.ComputeAsync("GET", "servers/" + id)).AssertFault(404, "itemNotFound");
    }
}
