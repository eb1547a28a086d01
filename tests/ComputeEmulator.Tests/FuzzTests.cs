using System.Collections.Generic;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

/// <summary>Every route with every verb and a set of hostile bodies: never a 5xx, always a fault body for errors.</summary>
public sealed class FuzzTests : EmulatorTestBase
{
    private static readonly string[] Bodies =
    [
        "", "{", "[]", "null", "123", "\"text\"", "{\"x\":1}", "{\"server\":[]}", "{\"metadata\":{\"a\":null}}", "{\"meta\":[]}",
        "{\"image_schedule\":null}", "{\"reboot\":null}", "{\"createImage\":{\"name\":null,\"metadata\":[]}}", "{\"keypair\":{\"name\":\"\"}}",
        "{\"security_group_rule\":{\"parent_group_id\":null,\"from_port\":{}}}", "{\"auth\":{\"identity\":{\"methods\":[1],\"password\":[]}}}",
        "\u0000\u0001", "{\"a\":1e400}",
    ];

    [Fact]
    public async Task NoRouteVerbOrBodyCausesA5xx()
    {
        await Client.LoginAsync();
        string server = await Client.CreateServerAsync("fuzz");
        string image = await Client.FirstBaseImageAsync();
        var paths = new List<string>
        {
            "servers", "servers/detail", $"servers/{server}", $"servers/{server}/action", $"servers/{server}/metadata", $"servers/{server}/metadata/k",
            $"servers/{server}/rax-si-image-schedule", "images", "images/detail", $"images/{image}", $"images/{image}/metadata", $"images/{image}/metadata/k",
            "flavors", "flavors/detail", "flavors/100", "limits", "extensions", "extensions/os-keypairs", "os-keypairs", "os-keypairs/k",
            "os-floating-ips", "os-floating-ips/1", "os-security-groups", "os-security-groups/1", "os-security-group-rules", "os-security-group-rules/1",
        };
        var urls = new List<string>();
        foreach (var p in paths) urls.Add(Client.Compute + "/" + p);
        foreach (var p in new[] { "", "v2.0", "v2.0/tokens", "v2.0/tenants", "v3", "v3/auth/tokens", "v3/auth/projects", "v2.1", "RegionTwo", "image", "image/v2/images", $"image/v2/images/{image}" })
        {
            urls.Add(Host.BaseUrl + p);
        }
        foreach (var url in urls)
        {
            foreach (var method in new[] { "GET", "POST", "PUT", "DELETE", "PATCH" })
            {
                foreach (var body in method is "GET" or "DELETE" ? new[] { (string?)null } : Bodies)
                {
                    var r = await Client.SendAsync(method, url, body);
                    Assert.True(r.Code < 500, $"{method} {url} {body} -> {r.Code} {r.Text}");
                    if (r.Code >= 400)
                    {
                        Assert.True(r.Json.ValueKind == System.Text.Json.JsonValueKind.Object, $"{method} {url} {body} -> {r.Code} without a JSON fault");
                    }
                    if (url.EndsWith("v3/auth/tokens") && r.Code == 201) Client.Token = r.Header("X-Subject-Token");
                }
            }
        }
        Assert.Equal(200, (await Client.ComputeAsync("GET", "flavors")).Code);
    }
}
