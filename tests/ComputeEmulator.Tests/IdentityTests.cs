using System;
using System.Linq;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

public sealed class IdentityTests : EmulatorTestBase
{
    protected override EmulatorOptions CreateOptions() => new() { BuildDelay = TimeSpan.Zero, TokenLifetime = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task V3PasswordIssuesTokenHeaderAndCatalogWithTwoRegionsAndThreeInterfaces()
    {
        var r = await Client.LoginAsync();
        Assert.StartsWith("emu", Client.Token);
        var token = r.Json.GetProperty("token");
        Assert.Equal("1234", token.GetProperty("project").GetProperty("id").GetString());
        Assert.Equal("demo", token.GetProperty("user").GetProperty("name").GetString());
        Assert.True(DateTimeOffset.Parse(token.GetProperty("expires_at").GetString()!) > DateTimeOffset.UtcNow);
        var compute = token.GetProperty("catalog").EnumerateArray().Single(s => s.GetProperty("type").GetString() == "compute");
        var endpoints = compute.GetProperty("endpoints").EnumerateArray().ToList();
        Assert.Equal(6, endpoints.Count);
        Assert.All(endpoints, e => Assert.Equal(e.GetProperty("region").GetString(), e.GetProperty("region_id").GetString()));
        Assert.Equal(new[] { "admin", "internal", "public" }, endpoints.Select(e => e.GetProperty("interface").GetString()).Distinct().OrderBy(x => x));
        Assert.Equal(Host.BaseUrl + "v2.1/1234", Client.ComputeUrls["RegionOne"]);
        Assert.Equal(Host.BaseUrl + "RegionTwo/v2.1/1234", Client.ComputeUrls["RegionTwo"]);
        Assert.Contains(token.GetProperty("catalog").EnumerateArray(), s => s.GetProperty("type").GetString() == "identity");
    }

    [Theory]
    [InlineData("demo", "wrong", "demo")]
    [InlineData("nobody", "demo-password", "demo")]
    [InlineData("demo", "demo-password", "other-project")]
    public async Task V3BadCredentialsOrProjectGive401InKeystoneShape(string user, string password, string project)
    {
        var r = await Client.SendAsync("POST", "v3/auth/tokens", EmulatorClient.V3Body(user, password, project), auth: false);
        Assert.Equal("The request you have made requires authentication.", r.AssertKeystoneError(401, "Unauthorized"));
        Assert.Equal("Keystone uri=\"" + Host.BaseUrl + "v3\"", r.Header("WWW-Authenticate"));
        Assert.Null(r.Header("X-Subject-Token"));
    }

    [Fact]
    public async Task V3TokenMethodRescopesAndGetValidates()
    {
        await Client.LoginAsync();
        var body = "{\"auth\":{\"identity\":{\"methods\":[\"token\"],\"token\":{\"id\":\"" + Client.Token + "\"}},\"scope\":{\"project\":{\"id\":\"1234\"}}}}";
        var r = await Client.SendAsync("POST", "v3/auth/tokens", body, auth: false);
        Assert.Equal(201, r.Code);
        string second = r.Header("X-Subject-Token")!;
        var check = await Client.SendAsync("GET", "v3/auth/tokens", null, headers: new System.Collections.Generic.Dictionary<string, string> { ["X-Subject-Token"] = second });
        Assert.Equal(200, check.Code);
        var missing = await Client.SendAsync("GET", "v3/auth/tokens", null, headers: new System.Collections.Generic.Dictionary<string, string> { ["X-Subject-Token"] = "nope" });
        missing.AssertKeystoneError(404, "Not Found");
    }

    [Fact]
    public async Task V2PasswordCredentialsWithTenantNameOrIdGiveV2Catalog()
    {
        foreach (var tenant in new[] { "\"tenantName\":\"demo\"", "\"tenantId\":\"1234\"" })
        {
            var r = await Client.SendAsync("POST", "v2.0/tokens", "{\"auth\":{\"passwordCredentials\":{\"username\":\"demo\",\"password\":\"demo-password\"}," + tenant + "}}", auth: false);
            Assert.Equal(200, r.Code);
            var access = r.Json.GetProperty("access");
            Assert.Equal("1234", access.GetProperty("token").GetProperty("tenant").GetProperty("id").GetString());
            var compute = access.GetProperty("serviceCatalog").EnumerateArray().Single(s => s.GetProperty("type").GetString() == "compute");
            var regions = compute.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("region").GetString()).ToList();
            Assert.Equal(new[] { "RegionOne", "RegionTwo" }, regions);
            Assert.Equal(Host.BaseUrl + "v2.1/1234", compute.GetProperty("endpoints")[0].GetProperty("publicURL").GetString());
        }
    }

    [Fact]
    public async Task V2RackspaceApiKeyWorksAndBadKeyIs401UnauthorizedFault()
    {
        var ok = await Client.SendAsync("POST", "v2.0/tokens", "{\"auth\":{\"RAX-KSKEY:apiKeyCredentials\":{\"username\":\"demo\",\"apiKey\":\"demo-api-key\"}}}", auth: false);
        Assert.Equal(200, ok.Code);
        string token = ok.Json.GetProperty("access").GetProperty("token").GetProperty("id").GetString()!;
        Client.Token = token;
        var servers = await Client.GetAsync("v2/1234/servers");
        Assert.Equal(200, servers.Code);

        var bad = await Client.SendAsync("POST", "v2.0/tokens", "{\"auth\":{\"RAX-KSKEY:apiKeyCredentials\":{\"username\":\"demo\",\"apiKey\":\"nope\"}}}", auth: false);
        bad.AssertFault(401, "unauthorized");
        var badTenant = await Client.SendAsync("POST", "v2.0/tokens", "{\"auth\":{\"passwordCredentials\":{\"username\":\"demo\",\"password\":\"demo-password\"},\"tenantName\":\"x\"}}", auth: false);
        badTenant.AssertFault(401, "unauthorized");
        var noCredentials = await Client.SendAsync("POST", "v2.0/tokens", "{\"auth\":{}}", auth: false);
        noCredentials.AssertFault(400, "badRequest");
    }

    [Fact]
    public async Task DiscoveryDocumentsAtRootV2AndV3()
    {
        var root = await Client.GetAsync("", auth: false);
        Assert.Equal(300, root.Code);
        var ids = root.Json.GetProperty("versions").GetProperty("values").EnumerateArray().Select(v => v.GetProperty("id").GetString()).ToList();
        Assert.Contains("v3.14", ids);
        Assert.Contains("v2.0", ids);
        var v3 = await Client.GetAsync("v3", auth: false);
        Assert.Equal("v3.14", v3.Json.GetProperty("version").GetProperty("id").GetString());
        var v2 = await Client.GetAsync("v2.0/", auth: false);
        Assert.Equal("v2.0", v2.Json.GetProperty("version").GetProperty("id").GetString());
        Assert.Equal(Host.BaseUrl + "v2.0/", v2.Json.GetProperty("version").GetProperty("links")[0].GetProperty("href").GetString());
    }

    [Fact]
    public async Task MissingUnknownAndExpiredTokensGiveKeystonemiddleware401OnComputeCalls()
    {
        await Client.LoginAsync();
        string good = Client.Token!;
        Client.Token = null;
        (await Client.ComputeAsync("GET", "servers")).AssertAuthMiddleware401(Host.BaseUrl);
        Client.Token = "not-a-token";
        (await Client.ComputeAsync("GET", "flavors")).AssertAuthMiddleware401(Host.BaseUrl);
        (await Client.ComputeAsync("GET", "servers", region: "RegionTwo")).AssertAuthMiddleware401(Host.BaseUrl);
        // Even with a microversion header the 401 comes before Nova, so it carries no version headers.
        var versioned = await Client.SendAsync("GET", Client.Compute + "/servers", null, headers: new System.Collections.Generic.Dictionary<string, string> { ["OpenStack-API-Version"] = "compute 2.1" });
        versioned.AssertAuthMiddleware401(Host.BaseUrl);
        Client.Token = good;
        Assert.Equal(200, (await Client.ComputeAsync("GET", "servers")).Code);
        await Task.Delay(1200); // TokenLifetime is 1 s here
        (await Client.ComputeAsync("GET", "servers")).AssertAuthMiddleware401(Host.BaseUrl);
    }

    [Fact]
    public async Task ControlExpireAllTokensForcesRenewal()
    {
        await Client.LoginAsync();
        Assert.Equal(204, (await Client.ControlAsync("POST", "tokens/expire")).Code);
        (await Client.ComputeAsync("GET", "servers")).AssertAuthMiddleware401(Host.BaseUrl);
        await Client.LoginAsync();
        Assert.Equal(200, (await Client.ComputeAsync("GET", "servers")).Code);
    }

    [Fact]
    public async Task ProjectListsForV2AndV3()
    {
        (await Client.GetAsync("v3/auth/projects", auth: false)).AssertKeystoneError(401, "Unauthorized");
        (await Client.GetAsync("v2.0/tenants", auth: false)).AssertFault(401, "unauthorized"); // v2.0: the references' fault
        await Client.LoginAsync();
        var v3 = await Client.GetAsync("v3/auth/projects");
        Assert.Equal("1234", v3.Json.GetProperty("projects")[0].GetProperty("id").GetString());
        var v2 = await Client.GetAsync("v2.0/tenants");
        Assert.Equal("demo", v2.Json.GetProperty("tenants")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task TenantInUrlMustMatchToken()
    {
        await Client.LoginAsync();
        var r = await Client.GetAsync("v2.1/9999/servers");
        r.AssertFault(400, "badRequest");
    }

    [Fact]
    public async Task WrongMethodOnIdentityIs405()
    {
        (await Client.SendAsync("GET", "v2.0/tokens", null, auth: false)).AssertFault(405, "badMethod");
        (await Client.SendAsync("DELETE", "v3", null, auth: false)).AssertKeystoneError(405, "Method Not Allowed");
        (await Client.SendAsync("GET", "v3/users", null, auth: false)).AssertKeystoneError(404, "Not Found");
    }
}
