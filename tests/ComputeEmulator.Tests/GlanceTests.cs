using System.Linq;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

/// <summary>The read-only Glance v2 view (openstackclient resolves image names through it) and other client-compatibility routes.</summary>
public sealed class GlanceTests : EmulatorTestBase
{
    [Fact]
    public async Task CatalogNamesAnImageServiceThatListsAndShowsTheSameImages()
    {
        var login = await Client.LoginAsync();
        var image = login.Json.GetProperty("token").GetProperty("catalog").EnumerateArray().Single(s => s.GetProperty("type").GetString() == "image");
        string url = image.GetProperty("endpoints").EnumerateArray().First(e => e.GetProperty("region_id").GetString() == "RegionOne").GetProperty("url").GetString()!;
        Assert.Equal(Host.BaseUrl + "image", url);

        var versions = await Client.GetAsync(url, auth: false);
        Assert.Equal(Host.BaseUrl + "image/v2/", versions.Json.GetProperty("versions")[0].GetProperty("links")[0].GetProperty("href").GetString());

        (await Client.SendAsync("GET", url + "/v2/images", null, auth: false)).AssertAuthMiddleware401(Host.BaseUrl);
        var page = await Client.GetAsync(url + "/v2/images?limit=2");
        Assert.Equal(2, page.Json.GetProperty("images").GetArrayLength());
        string next = page.Json.GetProperty("next").GetString()!;
        Assert.StartsWith("/v2/images?marker=", next);
        var computeIds = (await Client.ComputeAsync("GET", "images")).Json.GetProperty("images").EnumerateArray().Select(EmulatorClient.IdOf).ToList();
        var glanceIds = (await Client.GetAsync(url + "/v2/images")).Json.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.Equal(computeIds, glanceIds);
        var one = await Client.GetAsync(url + "/v2/images/" + computeIds[0]);
        Assert.Equal("active", one.Json.GetProperty("status").GetString());
        Assert.Equal("base", one.Json.GetProperty("image_type").GetString()); // properties are top-level in Glance v2
        (await Client.GetAsync(url + "/v2/images/nope")).AssertFault(404, "itemNotFound");
        (await Client.SendAsync("DELETE", url + "/v2/images/" + computeIds[0], null)).AssertFault(405, "badMethod");
        Assert.Equal(200, (await Client.GetAsync(Host.BaseUrl + "RegionTwo/image/v2/images")).Code);
    }

    [Fact]
    public async Task FlavorExtraSpecsAndVersionDocumentAtTenantUrl()
    {
        await Client.LoginAsync();
        var specs = await Client.ComputeAsync("GET", "flavors/100/os-extra_specs");
        Assert.Empty(specs.Json.GetProperty("extra_specs").EnumerateObject());
        (await Client.ComputeAsync("GET", "flavors/999/os-extra_specs")).AssertFault(404, "itemNotFound");
        (await Client.ComputeAsync("GET", "flavors/100/os-extra_specs/hw:cpu")).AssertFault(404, "itemNotFound");
        // novaclient's version discovery first GETs the catalog URL itself.
        var doc = await Client.GetAsync(Client.Compute);
        Assert.Equal("v2.1", doc.Json.GetProperty("version").GetProperty("id").GetString());
    }
}
