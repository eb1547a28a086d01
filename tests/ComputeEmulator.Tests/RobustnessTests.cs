using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using ComputeEmulator.Tests.Infrastructure;
using Xunit;

namespace ComputeEmulator.Tests;

/// <summary>Bad input never crashes the emulator: it answers with the right fault and keeps serving.</summary>
public sealed class RobustnessTests : EmulatorTestBase
{
    protected override EmulatorOptions CreateOptions() => new() { BuildDelay = TimeSpan.Zero, MaxRequestBodyBytes = 64 * 1024 };

    [Theory]
    [InlineData("POST", "servers", "{not json")]
    [InlineData("POST", "servers", "")]
    [InlineData("POST", "servers", "[1,2,3]")]
    [InlineData("POST", "servers", "{\"server\": 42}")]
    [InlineData("POST", "servers", "{\"server\": {\"name\": [\"x\"]}}")]
    [InlineData("POST", "servers", "{\"server\": {\"name\": \"x\", \"imageRef\": {}, \"flavorRef\": \"100\"}}")]
    [InlineData("POST", "servers", "{\"server\": {\"name\": \"x\", \"imageRef\": \"1\", \"flavorRef\": \"100\", \"min_count\": \"lots\"}}")]
    [InlineData("POST", "os-keypairs", "{\"keypair\": {\"name\": 7}}")]
    [InlineData("POST", "os-security-groups", "null")]
    [InlineData("POST", "os-security-group-rules", "{\"security_group_rule\": {\"parent_group_id\": true}}")]
    [InlineData("POST", "os-floating-ips", "\"nova\"")]
    public async Task MalformedBodiesAndWrongTypesAre400(string method, string path, string body)
    {
        await Client.LoginAsync();
        (await Client.ComputeAsync(method, path, body)).AssertFault(400, "badRequest");
        Assert.Equal(200, (await Client.ComputeAsync("GET", "servers")).Code);
    }

    [Fact]
    public async Task MalformedIdentityBodiesAre400()
    {
        // Keystone v3 answers errors in its own {"error":{...}} shape; v2.0 (Rackspace/HP identity) keeps the reference's faults.
        (await Client.SendAsync("POST", "v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": \"password\"}}}", auth: false)).AssertKeystoneError(400, "Bad Request");
        (await Client.SendAsync("POST", "v3/auth/tokens", "{\"auth\": 1}", auth: false)).AssertKeystoneError(400, "Bad Request");
        (await Client.SendAsync("POST", "v2.0/tokens", "nonsense", auth: false)).AssertFault(400, "badRequest");
        (await Client.SendAsync("POST", "v3/auth/tokens", "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":1}}}}}", auth: false)).AssertKeystoneError(400, "Bad Request");
    }

    [Fact]
    public async Task HugeBodiesAre413AndTheServerKeepsServing()
    {
        await Client.LoginAsync();
        string huge = "{\"metadata\":{\"k\":\"" + new string('x', 200 * 1024) + "\"}}";
        string server = await Client.CreateServerAsync();
        (await Client.ComputeAsync("POST", "servers/" + server + "/metadata", huge)).AssertFault(413, "overLimit");

        // Chunked (no Content-Length) is capped too.
        using var request = new HttpRequestMessage(HttpMethod.Post, Client.Compute + "/servers");
        request.Headers.Add("X-Auth-Token", Client.Token);
        request.Content = new StreamContent(new System.IO.MemoryStream(Encoding.UTF8.GetBytes(huge)));
        request.Headers.TransferEncodingChunked = true;
        using var response = await Client.Http.SendAsync(request);
        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal(200, (await Client.ComputeAsync("GET", "servers")).Code);
    }

    [Fact]
    public async Task DeeplyNestedJsonIs400()
    {
        await Client.LoginAsync();
        string deep = string.Concat(Enumerable.Repeat("[", 500)) + string.Concat(Enumerable.Repeat("]", 500));
        (await Client.ComputeAsync("POST", "servers", deep)).AssertFault(400, "badRequest");
    }

    [Theory]
    [InlineData("GET", "nothing-here")]
    [InlineData("GET", "v2.1/1234/teapots")]
    [InlineData("GET", "v2.1/1234/servers/x/y/z/w")]
    [InlineData("GET", "v9/1234/servers")]
    [InlineData("GET", "v2.1/1234/images/x/metadata/a/b")]
    public async Task UnknownRoutesAre404ItemNotFound(string method, string path)
    {
        await Client.LoginAsync();
        (await Client.SendAsync(method, path, null)).AssertFault(404, "itemNotFound");
    }

    [Theory]
    [InlineData("PATCH", "servers")]
    [InlineData("DELETE", "servers/detail")]
    [InlineData("POST", "flavors")]
    [InlineData("PUT", "limits")]
    [InlineData("DELETE", "images")]
    [InlineData("PATCH", "servers/abc/rax-si-image-schedule")]
    public async Task WrongMethodsAre405BadMethod(string method, string path)
    {
        await Client.LoginAsync();
        var r = await Client.ComputeAsync(method, path);
        if (path == "servers/detail") r.AssertFault(404, "itemNotFound"); // DELETE servers/{id} with id "detail"
        else r.AssertFault(405, "badMethod");
    }

    [Fact]
    public async Task ConcurrentMixedTrafficKeepsStateConsistent()
    {
        await Client.LoginAsync();
        string image = await Client.FirstBaseImageAsync();
        var tasks = Enumerable.Range(0, 40).Select(async i =>
        {
            using var c = new EmulatorClient(Host.BaseUrl) { Token = Client.Token };
            c.ComputeUrls["RegionOne"] = Client.Compute;
            var created = await c.ComputeAsync("POST", "servers", new { server = new { name = "c" + i, imageRef = image, flavorRef = "100" } });
            string id = created.Json.GetProperty("server").GetProperty("id").GetString()!;
            await c.ComputeAsync("POST", "servers/" + id + "/metadata", new { metadata = new { n = i.ToString() } });
            await c.ComputeAsync("GET", "servers/detail?limit=10");
            if (i % 2 == 0) await c.ComputeAsync("DELETE", "servers/" + id);
            await c.ComputeAsync("POST", "servers/" + id + "/action", "{garbage");
        });
        await Task.WhenAll(tasks);
        var list = (await Client.ComputeAsync("GET", "servers/detail")).Json.GetProperty("servers").EnumerateArray().ToList();
        Assert.Equal(20, list.Count);
        Assert.All(list, s => Assert.Equal(s.GetProperty("name").GetString()!.Substring(1), s.GetProperty("metadata").GetProperty("n").GetString()));
    }
}
