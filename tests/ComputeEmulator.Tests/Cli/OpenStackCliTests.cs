// Proves that the real OpenStack command-line clients (Debian's python3-openstackclient -> /usr/bin/openstack,
// python3-novaclient -> /usr/bin/nova) work against the emulator: keystone v3 auth and catalog, server
// list/show, flavors, limits and createImage (nova image-create) with metadata.
//
// Requirements: tests/openstack/install-cli.sh (CI runs it). Without the CLI these tests FAIL, unless
// COMPUTE_SKIP_CLI_TESTS=1 is set (then they are skipped with that reason).
// COMPUTE_CLI_TESTS_TARGET=env runs the same commands against the cloud described by the OS_* variables
// of the test process (e.g. `source /var/tmp/openstack/openrc` from tests/openstack/up.sh) instead of an
// in-process emulator; the emulator-specific seeding and cross-checks then use that cloud's own API.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace ComputeEmulator.Tests.Cli;

/// <summary>A [Fact] that is skipped (with the reason) when COMPUTE_SKIP_CLI_TESTS=1; otherwise it runs and fails
/// clearly if the CLI is missing.</summary>
public sealed class CliFactAttribute : FactAttribute
{
    public CliFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("COMPUTE_SKIP_CLI_TESTS") == "1")
            Skip = "COMPUTE_SKIP_CLI_TESTS=1: OpenStack CLI tests skipped on request";
    }
}

/// <summary>One emulator (or the env's real cloud) for all CLI tests of the class, seeded once.</summary>
public sealed class CliCloudFixture : IAsyncLifetime
{
    public const string UserName = "demo", Password = "demo-password", ProjectName = "demo", Region = "RegionOne";
    public const int SeedServers = 12;

    private ComputeEmulatorHost? _host;
    public bool UsesEnvCloud { get; } = Environment.GetEnvironmentVariable("COMPUTE_CLI_TESTS_TARGET") == "env";

    /// <summary>Base URL of the emulator (ends with '/'); null for the env cloud.</summary>
    public Uri? BaseUrl { get; private set; }

    /// <summary>The OS_* environment the CLI processes get.</summary>
    public Dictionary<string, string> OsEnv { get; } = new();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("COMPUTE_SKIP_CLI_TESTS") == "1") return;
        if (UsesEnvCloud)
        {
            foreach (var name in new[] { "OS_AUTH_URL", "OS_USERNAME", "OS_PASSWORD", "OS_PROJECT_NAME",
                         "OS_USER_DOMAIN_NAME", "OS_PROJECT_DOMAIN_NAME", "OS_REGION_NAME" })
                OsEnv[name] = Environment.GetEnvironmentVariable(name)
                    ?? throw new InvalidOperationException($"COMPUTE_CLI_TESTS_TARGET=env but {name} is not set");
            OsEnv["OS_IDENTITY_API_VERSION"] = "3";
            return;
        }

        var host = await ComputeEmulatorHost.StartAsync(new EmulatorOptions());
        _host = host;
        BaseUrl = host.BaseUrl;
        using (var seed = await Http.PostAsync(new Uri(BaseUrl, "_emulator/seed"), Json(
                   $"{{\"servers\":{SeedServers},\"images\":3,\"seed\":42,\"region\":\"{Region}\"}}")))
        {
            var text = await seed.Content.ReadAsStringAsync();
            Assert.True(seed.IsSuccessStatusCode, $"POST /_emulator/seed -> {(int)seed.StatusCode}: {text}");
        }
        OsEnv["OS_AUTH_URL"] = new Uri(BaseUrl, "v3").ToString();
        OsEnv["OS_USERNAME"] = UserName;
        OsEnv["OS_PASSWORD"] = Password;
        OsEnv["OS_PROJECT_NAME"] = ProjectName;
        OsEnv["OS_USER_DOMAIN_NAME"] = "Default";
        OsEnv["OS_PROJECT_DOMAIN_NAME"] = "Default";
        OsEnv["OS_REGION_NAME"] = Region;
        OsEnv["OS_IDENTITY_API_VERSION"] = "3";
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_host != null) await _host.DisposeAsync();
    }

    public static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");

    /// <summary>Keystone v3 password auth with the same credentials the CLI uses: (token, public compute URL).</summary>
    public async Task<(string Token, string Compute)> AuthAsync()
    {
        var body = JsonSerializer.Serialize(new
        {
            auth = new
            {
                identity = new
                {
                    methods = new[] { "password" },
                    password = new { user = new { name = OsEnv["OS_USERNAME"], domain = new { name = OsEnv["OS_USER_DOMAIN_NAME"] }, password = OsEnv["OS_PASSWORD"] } },
                },
                scope = new { project = new { name = OsEnv["OS_PROJECT_NAME"], domain = new { name = OsEnv["OS_PROJECT_DOMAIN_NAME"] } } },
            },
        });
        var url = OsEnv["OS_AUTH_URL"].TrimEnd('/') + "/auth/tokens";
        using var resp = await Http.PostAsync(url, Json(body));
        var text = await resp.Content.ReadAsStringAsync();
        Assert.True(resp.IsSuccessStatusCode, $"POST {url} -> {(int)resp.StatusCode}: {text}");
        var token = resp.Headers.TryGetValues("X-Subject-Token", out var v) ? v.First() : null;
        Assert.False(string.IsNullOrEmpty(token), "no X-Subject-Token header in the keystone v3 answer");
        using var doc = JsonDocument.Parse(text);
        var compute = doc.RootElement.GetProperty("token").GetProperty("catalog").EnumerateArray()
            .Where(s => s.GetProperty("type").GetString() == "compute")
            .SelectMany(s => s.GetProperty("endpoints").EnumerateArray())
            .Where(e => e.GetProperty("interface").GetString() == "public"
                        && (!e.TryGetProperty("region", out var r) || r.GetString() == OsEnv["OS_REGION_NAME"]
                            || (e.TryGetProperty("region_id", out var ri) && ri.GetString() == OsEnv["OS_REGION_NAME"])))
            .Select(e => e.GetProperty("url").GetString())
            .FirstOrDefault();
        Assert.False(string.IsNullOrEmpty(compute), $"no public compute endpoint for {OsEnv["OS_REGION_NAME"]} in the catalog: {text}");
        return (token!, compute!.TrimEnd('/'));
    }

    public async Task<JsonDocument> GetJsonAsync(string url, string token)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, url);
        req.Headers.Add("X-Auth-Token", token);
        req.Headers.Add("Accept", "application/json");
        using var resp = await Http.SendAsync(req);
        var text = await resp.Content.ReadAsStringAsync();
        Assert.True(resp.IsSuccessStatusCode, $"GET {url} -> {(int)resp.StatusCode}: {text}");
        return JsonDocument.Parse(text);
    }
}

public sealed class OpenStackCliTests : IClassFixture<CliCloudFixture>
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(120);
    private const string OpenStackExe = "/usr/bin/openstack", NovaExe = "/usr/bin/nova";
    private static readonly string[] HpFlavors =
        { "standard.xsmall", "standard.small", "standard.medium", "standard.large", "standard.xlarge", "standard.2xlarge" };

    private readonly CliCloudFixture _cloud;
    private readonly ITestOutputHelper _out;

    public OpenStackCliTests(CliCloudFixture cloud, ITestOutputHelper output)
    {
        _cloud = cloud;
        _out = output;
    }

    [CliFact]
    public async Task ServerList_Limit5_ReturnsFiveRows()
    {
        var rows = await RunJsonAsync(OpenStackExe, "server", "list", "--limit", "5", "-f", "json");
        Assert.Equal(JsonValueKind.Array, rows.ValueKind);
        Assert.Equal(5, rows.GetArrayLength());
        foreach (var row in rows.EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(row.GetProperty("ID").GetString()));
            Assert.False(string.IsNullOrEmpty(row.GetProperty("Name").GetString()));
            Assert.False(string.IsNullOrEmpty(row.GetProperty("Status").GetString()));
        }
        Assert.Equal(5, rows.EnumerateArray().Select(r => r.GetProperty("ID").GetString()).Distinct().Count());
    }

    [CliFact]
    public async Task ServerShow_FieldsMatchTheApi()
    {
        var (token, compute) = await _cloud.AuthAsync();
        using var list = await _cloud.GetJsonAsync(compute + "/servers/detail?limit=1", token);
        var server = list.RootElement.GetProperty("servers")[0];
        var id = server.GetProperty("id").GetString()!;

        var shown = await RunJsonAsync(OpenStackExe, "server", "show", id, "-f", "json");
        Assert.Equal(id, shown.GetProperty("id").GetString());
        Assert.Equal(server.GetProperty("name").GetString(), shown.GetProperty("name").GetString());
        Assert.Equal(server.GetProperty("status").GetString(), shown.GetProperty("status").GetString());
        Assert.Equal(server.GetProperty("tenant_id").GetString(), shown.GetProperty("project_id").GetString());
        Assert.Equal(server.GetProperty("user_id").GetString(), shown.GetProperty("user_id").GetString());
        Assert.Equal(server.GetProperty("hostId").GetString(), shown.GetProperty("hostId").GetString());
        Assert.Equal(server.GetProperty("created").GetString(), shown.GetProperty("created").GetString());
        // OSC renders "flavor" as "name (id)" and "image" as "name (id)" (or the bare id when the image
        // service cannot resolve it)
        var flavorId = server.GetProperty("flavor").GetProperty("id").GetString()!;
        Assert.Contains(flavorId, shown.GetProperty("flavor").GetString());
        if (server.GetProperty("image").ValueKind == JsonValueKind.Object)
            Assert.Contains(server.GetProperty("image").GetProperty("id").GetString()!, shown.GetProperty("image").GetString());
        // metadata -> "properties" (a dict in OSC 6's JSON output; older OSC: "k='v'" text)
        if (server.TryGetProperty("metadata", out var meta))
            foreach (var kv in meta.EnumerateObject())
                Assert.Contains(kv.Value.GetString()!, shown.GetProperty("properties").ToString());
    }

    [CliFact]
    public async Task FlavorList_ShowsTheSixHpFlavors()
    {
        var rows = await RunJsonAsync(OpenStackExe, "flavor", "list", "-f", "json");
        var names = rows.EnumerateArray().Select(r => r.GetProperty("Name").GetString()).ToArray();
        foreach (var f in HpFlavors) Assert.Contains(f, names);
        if (!_cloud.UsesEnvCloud) Assert.Equal(HpFlavors.Length, names.Length);
        foreach (var row in rows.EnumerateArray())
        {
            Assert.True(row.GetProperty("RAM").GetInt32() > 0);
            Assert.True(row.GetProperty("VCPUs").GetInt32() > 0);
        }
    }

    [CliFact]
    public async Task LimitsShowAbsolute_ListsComputeLimits()
    {
        var rows = await RunJsonAsync(OpenStackExe, "limits", "show", "--absolute", "-f", "json");
        var limits = rows.EnumerateArray().ToDictionary(r => r.GetProperty("Name").GetString()!, r => r.GetProperty("Value"));
        foreach (var key in new[] { "maxTotalInstances", "maxTotalCores", "maxTotalRAMSize", "totalInstancesUsed", "maxImageMeta" })
            Assert.True(limits.ContainsKey(key), $"limit {key} missing; got: {string.Join(", ", limits.Keys)}");
        Assert.True(limits["maxTotalInstances"].GetInt32() != 0);
        Assert.True(limits["totalInstancesUsed"].GetInt32() >= 1);
    }

    [CliFact]
    public async Task NovaImageCreate_WithMetadata_ShowsUpInImagesDetail()
    {
        var (token, compute) = await _cloud.AuthAsync();
        using var list = await _cloud.GetJsonAsync(compute + "/servers/detail?status=ACTIVE&limit=1", token);
        var server = list.RootElement.GetProperty("servers")[0];
        var serverId = server.GetProperty("id").GetString()!;
        var name = "cli-snap-" + Guid.NewGuid().ToString("N")[..8];

        var run = await RunAsync(NovaExe, "image-create", "--metadata", "k=v", serverId, name);
        await AssertSucceededAsync(NovaExe, run, "image-create", "--metadata", "k=v", serverId, name);

        // the image is visible through the compute API's image proxy, with the metadata
        JsonElement? image = null;
        for (var i = 0; i < 30 && image == null; i++)
        {
            using var images = await _cloud.GetJsonAsync(compute + "/images/detail", token);
            image = images.RootElement.GetProperty("images").EnumerateArray()
                .Where(im => im.GetProperty("name").GetString() == name).Select(im => (JsonElement?)im.Clone()).FirstOrDefault();
            if (image == null) await Task.Delay(500);
        }
        Assert.True(image.HasValue, $"image {name} not in GET /images/detail after nova image-create");
        var md = image.Value.GetProperty("metadata");
        Assert.True(md.TryGetProperty("k", out var k) && k.GetString() == "v", $"metadata k=v missing: {md}");
        if (image.Value.TryGetProperty("server", out var srv))
            Assert.Equal(serverId, srv.GetProperty("id").GetString());

        if (_cloud.UsesEnvCloud) // keep a real cloud tidy
        {
            using var del = new HttpRequestMessage(HttpMethod.Delete, compute + "/images/" + image.Value.GetProperty("id").GetString());
            del.Headers.Add("X-Auth-Token", token);
            (await _cloud.Http.SendAsync(del)).Dispose();
        }
    }

    // ------------------------------------------------------------------ process helpers

    private sealed record CliResult(int ExitCode, string StdOut, string StdErr);

    private async Task<JsonElement> RunJsonAsync(string exe, params string[] args)
    {
        var r = await RunAsync(exe, args);
        await AssertSucceededAsync(exe, r, args);
        try
        {
            using var doc = JsonDocument.Parse(r.StdOut);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Assert.Fail($"{Path.GetFileName(exe)} {string.Join(' ', args)}: output is not JSON ({e.Message}):\n{r.StdOut}\nstderr:\n{r.StdErr}");
            throw;
        }
    }

    /// <summary>On failure, runs the command again with --debug and puts its HTTP exchange into the message.</summary>
    private async Task AssertSucceededAsync(string exe, CliResult r, params string[] args)
    {
        if (r.ExitCode == 0) return;
        var debug = await RunAsync(exe, new[] { "--debug" }.Concat(args).ToArray());
        Assert.Fail($"{Path.GetFileName(exe)} {string.Join(' ', args)} exited {r.ExitCode}\nstderr:\n{Tail(r.StdErr, 3000)}\n"
                    + $"---- again with --debug (exit {debug.ExitCode}):\n{Tail(debug.StdErr, 12000)}");
    }

    private static string Tail(string s, int max) => s.Length <= max ? s : "...\n" + s[^max..];

    private async Task<CliResult> RunAsync(string exe, params string[] args)
    {
        if (!File.Exists(exe))
            Assert.Fail($"{exe} is not installed: the OpenStack CLI tests need Debian's python3-openstackclient and "
                        + "python3-novaclient (run tests/openstack/install-cli.sh), or set COMPUTE_SKIP_CLI_TESTS=1 to skip them.");

        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // a clean OS_* environment: only the cloud under test
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("OS_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        foreach (var kv in _cloud.OsEnv) psi.Environment[kv.Key] = kv.Value;
        // Debian's python first: a pyenv/venv python3 on PATH lacks the openstack modules
        psi.Environment["PATH"] = "/usr/bin:/bin:" + (Environment.GetEnvironmentVariable("PATH") ?? "");
        foreach (var key in new[] { "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV" }) psi.Environment.Remove(key);
        psi.Environment["PYTHONWARNINGS"] = "ignore";

        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {exe}");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(ProcessTimeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            Assert.Fail($"{Path.GetFileName(exe)} {string.Join(' ', args)} did not finish within {ProcessTimeout.TotalSeconds} s\n"
                        + $"stderr so far:\n{Tail(await SafeAsync(stderr), 6000)}");
        }
        var result = new CliResult(p.ExitCode, await stdout, await stderr);
        _out.WriteLine($"$ {Path.GetFileName(exe)} {string.Join(' ', args)}  -> exit {result.ExitCode} in {sw.Elapsed.TotalSeconds:F1} s");
        _out.WriteLine(Tail(result.StdOut, 4000));
        if (result.StdErr.Length > 0) _out.WriteLine("stderr: " + Tail(result.StdErr, 4000));
        return result;
    }

    private static async Task<string> SafeAsync(Task<string> t)
    {
        try { return await t.WaitAsync(TimeSpan.FromSeconds(2)); }
        catch (Exception e) when (e is TimeoutException or IOException or ObjectDisposedException) { return "(unavailable)"; }
    }
}
