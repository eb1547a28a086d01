using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace ComputeEmulator.Tests.Infrastructure;

/// <summary>An HTTP response with its parsed JSON body (default when empty or not JSON).</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Json, string Text, HttpResponseMessage Message)
{
    public int Code => (int)Status;

    public string? Header(string name) =>
        Message.Headers.TryGetValues(name, out var v) ? v.First()
        : Message.Content.Headers.TryGetValues(name, out var c) ? c.First() : null;

    /// <summary>Asserts a Nova fault body {"name": {"code": status, "message": ...}}; returns the message.</summary>
    public string AssertFault(int status, string name)
    {
        Assert.True(Code == status, $"Expected {status} but got {Code}: {Text}");
        Assert.True(Json.TryGetProperty(name, out var fault), $"Expected fault '{name}' in {Text}");
        Assert.Equal(status, fault.GetProperty("code").GetInt32());
        return fault.GetProperty("message").GetString()!;
    }
}

/// <summary>Error-body assertions beyond Nova's fault shape.</summary>
public static class ApiResponseAssertions
{
    /// <summary>Asserts Keystone's (and keystonemiddleware's) error body {"error":{"code":status,"title":...,"message":...}}; returns the message.</summary>
    public static string AssertKeystoneError(this ApiResponse r, int status, string title)
    {
        Assert.True(r.Code == status, $"Expected {status} but got {r.Code}: {r.Text}");
        JsonElement error = default;
        Assert.True(r.Json.ValueKind == JsonValueKind.Object && r.Json.TryGetProperty("error", out error), $"Expected an 'error' body in {r.Text}");
        Assert.Single(r.Json.EnumerateObject());
        Assert.Equal(status, error.GetProperty("code").GetInt32());
        Assert.Equal(title, error.GetProperty("title").GetString());
        return error.GetProperty("message").GetString()!;
    }

    /// <summary>Asserts keystonemiddleware's 401 in front of compute: its body, WWW-Authenticate naming the identity root, request ids, no microversion headers.</summary>
    public static void AssertAuthMiddleware401(this ApiResponse r, Uri identityRoot)
    {
        Assert.Equal("The request you have made requires authentication.", r.AssertKeystoneError(401, "Unauthorized"));
        Assert.Equal("Keystone uri=\"" + identityRoot + "\"", r.Header("WWW-Authenticate"));
        Assert.StartsWith("req-", r.Header("x-openstack-request-id"));
        Assert.Equal(r.Header("x-openstack-request-id"), r.Header("x-compute-request-id"));
        Assert.Null(r.Header("OpenStack-API-Version"));
        Assert.Null(r.Header("X-OpenStack-Nova-API-Version"));
        Assert.False(r.Message.Headers.Vary.Count > 0, "no Vary header expected");
    }
}

/// <summary>Drives an emulator over real HTTP: authenticates, keeps the token and the catalog's compute URLs.</summary>
public sealed class EmulatorClient : IDisposable
{
    public EmulatorClient(Uri baseUrl)
    {
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUrl { get; }
    public HttpClient Http { get; }
    public string? Token { get; set; }

    /// <summary>Compute endpoint (public interface) per region, from the last catalog, without trailing slash.</summary>
    public Dictionary<string, string> ComputeUrls { get; } = new(StringComparer.Ordinal);

    public string Compute => ComputeUrls["RegionOne"];

    public void Dispose() => Http.Dispose();

    public static string V3Body(string user = "demo", string password = "demo-password", string project = "demo") =>
        "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"" + user + "\",\"domain\":{\"name\":\"Default\"},\"password\":\"" + password + "\"}}},\"scope\":{\"project\":{\"name\":\"" + project + "\",\"domain\":{\"name\":\"Default\"}}}}}";

    /// <summary>Keystone v3 password login; remembers the token and compute URLs.</summary>
    public async Task<ApiResponse> LoginAsync()
    {
        var r = await SendAsync("POST", "v3/auth/tokens", V3Body(), auth: false);
        Assert.True(r.Code == 201, r.Text);
        Token = r.Header("X-Subject-Token");
        ComputeUrls.Clear();
        foreach (var svc in r.Json.GetProperty("token").GetProperty("catalog").EnumerateArray())
        {
            if (svc.GetProperty("type").GetString() != "compute") continue;
            foreach (var ep in svc.GetProperty("endpoints").EnumerateArray())
            {
                if (ep.GetProperty("interface").GetString() == "public")
                    ComputeUrls[ep.GetProperty("region_id").GetString()!] = ep.GetProperty("url").GetString()!;
            }
        }
        return r;
    }

    public Task<ApiResponse> GetAsync(string url, bool auth = true) => SendAsync("GET", url, null, auth);

    /// <summary>Compute call relative to the RegionOne endpoint, e.g. "servers/detail?limit=2".</summary>
    public Task<ApiResponse> ComputeAsync(string method, string relative, object? body = null, string region = "RegionOne") =>
        SendAsync(method, ComputeUrls[region] + "/" + relative, body);

    public async Task<ApiResponse> SendAsync(string method, string url, object? body, bool auth = true, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (auth && Token is not null) request.Headers.TryAddWithoutValidation("X-Auth-Token", Token);
        if (headers is not null)
        {
            foreach (var kv in headers) request.Headers.TryAddWithoutValidation(kv.Key, kv.Value);
        }
        if (body is not null)
        {
            string text = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }
        var response = await Http.SendAsync(request);
        string content = await response.Content.ReadAsStringAsync();
        JsonElement json = default;
        if (content.Length > 0)
        {
            try
            {
                json = JsonDocument.Parse(content).RootElement.Clone();
            }
            catch (JsonException)
            {
            }
        }
        return new ApiResponse(response.StatusCode, json, content, response);
    }

    /// <summary>POST /servers with sane defaults; returns the new id.</summary>
    public async Task<string> CreateServerAsync(string name = "web01", string flavor = "100", object? metadata = null, string? image = null, string region = "RegionOne")
    {
        image ??= await FirstBaseImageAsync(region);
        var r = await ComputeAsync("POST", "servers", new { server = new { name, imageRef = image, flavorRef = flavor, metadata = metadata ?? new Dictionary<string, string>() } }, region);
        Assert.True(r.Code == 202, r.Text);
        return IdOf(r.Json.GetProperty("server"));
    }

    public async Task<string> FirstBaseImageAsync(string region = "RegionOne")
    {
        var r = await ComputeAsync("GET", "images?type=BASE&limit=1", null, region);
        Assert.Equal(200, r.Code);
        return IdOf(r.Json.GetProperty("images")[0]);
    }

    /// <summary>An id that may be a string or (HP) a number.</summary>
    public static string IdOf(JsonElement item)
    {
        var id = item.GetProperty("id");
        return id.ValueKind == JsonValueKind.Number ? id.GetRawText() : id.GetString()!;
    }

    /// <summary>Control API call (/_emulator/...).</summary>
    public Task<ApiResponse> ControlAsync(string method, string path, object? body = null) => SendAsync(method, "_emulator/" + path, body, auth: false);

    /// <summary>Polls until the predicate holds (or fails after the timeout).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> predicate, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await predicate())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not reached in time.");
            await Task.Delay(50);
        }
    }
}
