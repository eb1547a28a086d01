using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ComputeEmulator;
using ComputeModule.Auth;
using ComputeModule.Errors;
using ComputeModule.Http;
using ComputeModule.Models;
using Xunit;

namespace ComputeModule.Tests.Unit.Core
{
    /// <summary>The core against the in-process emulator over real sockets (HttpClientHandler, Kestrel).</summary>
    public sealed class EmulatorConnectTests : IAsyncLifetime
    {
        private ComputeEmulatorHost _host = null!;
        private readonly HttpClient _control = new HttpClient();

        public async Task InitializeAsync()
        {
            _host = await ComputeEmulatorHost.StartAsync(new EmulatorOptions());
            _control.BaseAddress = _host.BaseUrl;
        }

        public async Task DisposeAsync()
        {
            _control.Dispose();
            await _host.DisposeAsync();
        }

        private ConnectionSettings V3(string? region = "RegionOne") => new ConnectionSettings
        {
            AuthUrl = _host.IdentityV3Url,
            UserName = "demo",
            Password = SecureStrings.FromPlain("demo-password"),
            ProjectName = "demo",
            Region = region,
        };

        private static SessionOptions NoWait(List<TimeSpan> delays) => new SessionOptions
        {
            Delay = (d, ct) =>
            {
                lock (delays) delays.Add(d);
                return Task.CompletedTask;
            },
        };

        private async Task PutFaultsAsync(string json)
        {
            using var response = await _control.PutAsync("_emulator/faults", new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        [Fact]
        public async Task V3ConnectPicksTheRegionsEndpointAndLists()
        {
            using var session = await ComputeSession.ConnectAsync(V3("RegionTwo"), null, CancellationToken.None);
            Assert.Equal("v3", session.IdentityVersion);
            Assert.Equal("RegionTwo", session.Region);
            Assert.Equal(new[] { "RegionOne", "RegionTwo" }, session.Regions);
            Assert.StartsWith(_host.BaseUrl.AbsoluteUri, session.ComputeEndpoint.AbsoluteUri);
            Assert.EndsWith("/", session.ComputeEndpoint.AbsoluteUri);
            Assert.Contains("1234", session.ComputeEndpoint.AbsoluteUri);
            Assert.True(session.TokenExpires > DateTimeOffset.UtcNow.AddMinutes(30));
            var response = await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers/detail?limit=2"), CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var doc = response.ReadDocument();
            Assert.True(doc.RootElement.TryGetProperty("servers", out _));
        }

        [Fact]
        public async Task V2ApiKeyAndPasswordConnect()
        {
            var apiKey = new ConnectionSettings
            {
                AuthUrl = _host.IdentityV2Url,
                UserName = "demo",
                ApiKey = SecureStrings.FromPlain("demo-api-key"),
                ProjectName = "demo",
                Region = "RegionOne",
            };
            using (var session = await ComputeSession.ConnectAsync(apiKey, null, CancellationToken.None))
            {
                Assert.Equal("v2.0", session.IdentityVersion);
                await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None);
            }
            var password = V3();
            password.AuthUrl = _host.IdentityV2Url;
            using (var session = await ComputeSession.ConnectAsync(password, null, CancellationToken.None))
            {
                Assert.Equal("v2.0", session.IdentityVersion);
            }
        }

        [Fact]
        public async Task ExpiredTokensAreRenewedTransparently()
        {
            using var session = await ComputeSession.ConnectAsync(V3(), null, CancellationToken.None);
            await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None);
            (await _control.PostAsync("_emulator/tokens/expire", null)).Dispose();
            await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None);
            Assert.Equal(2, session.Tokens.Authentications);
        }

        [Fact]
        public async Task InjectedServiceUnavailableIsRetried()
        {
            var delays = new List<TimeSpan>();
            using var session = await ComputeSession.ConnectAsync(V3(), NoWait(delays), CancellationToken.None);
            await PutFaultsAsync("{\"errorRate\":1.0,\"statusCodes\":[503],\"methods\":[\"GET\"],\"pathPattern\":\"servers\",\"count\":2}");
            var response = await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(2, delays.Count);
        }

        [Fact]
        public async Task InjectedRateLimitHonoursRetryAfter()
        {
            var delays = new List<TimeSpan>();
            using var session = await ComputeSession.ConnectAsync(V3(), NoWait(delays), CancellationToken.None);
            await PutFaultsAsync("{\"errorRate\":1.0,\"statusCodes\":[429],\"retryAfterSeconds\":2,\"methods\":[\"GET\"],\"pathPattern\":\"servers\",\"count\":1}");
            await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None);
            Assert.Equal(new[] { TimeSpan.FromSeconds(2) }, delays);
        }

        [Fact]
        public async Task RefusedConnectionsAreRetriedThenReported()
        {
            // A port that was free a moment ago: nothing listens, so connecting is refused.
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var delays = new List<TimeSpan>();
            var settings = new ConnectionSettings { Token = SecureStrings.FromPlain("t"), Endpoint = new Uri($"http://127.0.0.1:{port}/v2.1/1234") };
            using var session = await ComputeSession.ConnectAsync(settings, NoWait(delays), CancellationToken.None);
            var e = await Assert.ThrowsAsync<ComputeServiceUnavailableException>(() =>
                session.SendAsync(new ApiRequest(HttpMethod.Post, "servers/x/action") { Body = new { createImage = new { name = "n" } } }, CancellationToken.None));
            Assert.Contains("Could not reach", e.Message);
            Assert.Equal(3, delays.Count); // refused before sending: even a POST may be retried
        }

        [Fact]
        public void ConnectCmdletAgainstTheEmulator()
        {
            using var ps = CmdletTests.NewShell();
            var cred = new PSCredential("demo", CmdletTests.Secure("demo-password"));
            var result = CmdletTests.Invoke(ps, "Connect-ComputeService -AuthUrl $url -Credential $cred -ProjectName demo -Region RegionOne -Verbose",
                ("url", _host.IdentityV3Url), ("cred", cred));
            var connection = Assert.IsType<ComputeConnection>(Assert.Single(result).BaseObject);
            Assert.Equal("RegionOne", connection.Region);
            Assert.Equal("demo", connection.UserName);
            Assert.Contains(ps.Streams.Verbose, v => v.Message.StartsWith("POST " + _host.IdentityV3Url.AbsoluteUri + "/auth/tokens -> 201 ("));
            Assert.DoesNotContain("demo-password", connection.ToString());
            Assert.Same(connection, Assert.Single(CmdletTests.Invoke(ps, "Get-ComputeConnection")).BaseObject);

            var ambiguous = CmdletTests.ErrorOf(() => CmdletTests.Invoke(ps, "Connect-ComputeService -AuthUrl $url -Credential $cred -ProjectName demo", ("url", _host.IdentityV3Url), ("cred", cred)));
            Assert.StartsWith("RegionNotFound", ambiguous.FullyQualifiedErrorId);
            Assert.Contains("RegionTwo", ambiguous.Exception.Message);

            var bad = new PSCredential("demo", CmdletTests.Secure("wrong"));
            var denied = CmdletTests.ErrorOf(() => CmdletTests.Invoke(ps, "Connect-ComputeService -AuthUrl $url -Credential $cred -ProjectName demo -Region RegionOne", ("url", _host.IdentityV3Url), ("cred", bad)));
            Assert.StartsWith("AuthenticationFailed", denied.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, denied.CategoryInfo.Category);
            // A failed connect leaves the previous default in place.
            Assert.Same(connection, Assert.Single(CmdletTests.Invoke(ps, "Get-ComputeConnection")).BaseObject);
        }

        [Fact]
        public void DebugShowsBodiesWithoutSecrets()
        {
            using var ps = CmdletTests.NewShell();
            var cred = new PSCredential("demo", CmdletTests.Secure("demo-password"));
            CmdletTests.Invoke(ps, "$DebugPreference = 'Continue'; $null = Connect-ComputeService -AuthUrl $url -Credential $cred -ProjectName demo -Region RegionOne",
                ("url", _host.IdentityV3Url), ("cred", cred));
            string debug = string.Join("\n", ps.Streams.Debug.Select(d => d.Message));
            Assert.Contains("\"password\":\"***\"", debug);
            Assert.Contains("X-Subject-Token: ***", debug);
            Assert.DoesNotContain("demo-password", debug);
            Assert.Contains("\"catalog\"", debug);
        }
    }
}
