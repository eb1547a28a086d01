using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Auth;
using ComputeModule.Errors;
using ComputeModule.Http;
using Xunit;

namespace ComputeModule.Tests.Unit.Core
{
    public class SessionTests
    {
        private static HttpResponseMessage Ok(string json = "{\"servers\":[]}") => FakeHttp.Json(HttpStatusCode.OK, json);

        [Fact]
        public async Task V3PasswordConnectSendsScopedRequestAndPicksTheCatalogEndpoint()
        {
            var http = Keystone.Cloud((r, n) => Ok());
            using var session = await Keystone.ConnectAsync(http);

            Assert.Equal("http://nova.test:8774/v2.1/1234/", session.ComputeEndpoint.AbsoluteUri);
            Assert.Equal("v3", session.IdentityVersion);
            Assert.Equal("RegionOne", session.Region);
            Assert.Equal(new[] { "RegionOne" }, session.Regions);
            Assert.Equal("demo", session.UserName);
            Assert.Equal("1234", session.ProjectId);

            var auth = Assert.Single(http.Identity);
            Assert.Equal("http://id.test:5000/v3/auth/tokens", auth.Uri.AbsoluteUri);
            using var body = JsonDocument.Parse(auth.Body!);
            var identity = body.RootElement.GetProperty("auth").GetProperty("identity");
            Assert.Equal("password", identity.GetProperty("methods")[0].GetString());
            var user = identity.GetProperty("password").GetProperty("user");
            Assert.Equal("demo", user.GetProperty("name").GetString());
            Assert.Equal("demo-password", user.GetProperty("password").GetString());
            Assert.Equal("Default", user.GetProperty("domain").GetProperty("name").GetString());
            Assert.Equal("demo", body.RootElement.GetProperty("auth").GetProperty("scope").GetProperty("project").GetProperty("name").GetString());

            var response = await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers/detail?limit=2"), CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var sent = Assert.Single(http.Compute);
            Assert.Equal("http://nova.test:8774/v2.1/1234/servers/detail?limit=2", sent.Uri.AbsoluteUri);
            Assert.Equal("tok-1", sent.Headers["X-Auth-Token"]);
            Assert.False(sent.Headers.ContainsKey("X-OpenStack-Nova-API-Version"));
            Assert.False(sent.Headers.ContainsKey("OpenStack-API-Version"));
        }

        [Fact]
        public async Task V2ApiKeyConnect()
        {
            string v2 = "{\"access\":{\"token\":{\"id\":\"HPAuth_1\",\"expires\":\"2099-01-01T00:00:00.000Z\",\"tenant\":{\"id\":\"369\",\"name\":\"t\"}}," +
                        "\"user\":{\"id\":\"u\",\"name\":\"bob\"},\"serviceCatalog\":[{\"type\":\"compute\",\"name\":\"Compute\",\"endpoints\":[" +
                        "{\"publicURL\":\"https://az-1.compute/v1.1/369\",\"region\":\"az-1\"},{\"publicURL\":\"https://az-2.compute/v1.1/369\",\"region\":\"az-2\"}]}]}}";
            var http = new FakeHttp((r, n) => FakeHttp.Json(HttpStatusCode.OK, v2));
            var settings = new ConnectionSettings
            {
                AuthUrl = new Uri("https://id.test:35357/v2.0/"),
                UserName = "bob",
                ApiKey = SecureStrings.FromPlain("key-1"),
                ProjectId = "369",
                Region = "az-2",
            };
            using var session = await Keystone.ConnectAsync(http, settings: settings);
            Assert.Equal("https://az-2.compute/v1.1/369/", session.ComputeEndpoint.AbsoluteUri);
            Assert.Equal("v2.0", session.IdentityVersion);
            Assert.Equal("bob", session.UserName);
            Assert.Equal(new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero), session.TokenExpires);
            var auth = Assert.Single(http.All);
            Assert.Equal("https://id.test:35357/v2.0/tokens", auth.Uri.AbsoluteUri);
            using var body = JsonDocument.Parse(auth.Body!);
            var a = body.RootElement.GetProperty("auth");
            Assert.Equal("key-1", a.GetProperty("RAX-KSKEY:apiKeyCredentials").GetProperty("apiKey").GetString());
            Assert.Equal("369", a.GetProperty("tenantId").GetString());
        }

        [Fact]
        public async Task VersionlessAuthUrlTriesV3ThenV2()
        {
            string v2 = "{\"access\":{\"token\":{\"id\":\"t2\"},\"serviceCatalog\":[{\"type\":\"compute\",\"endpoints\":[{\"publicURL\":\"http://n/v2/1\",\"region\":\"R\"}]}]}}";
            var http = new FakeHttp((r, n) => r.Uri.AbsolutePath.Contains("/v3/")
                ? FakeHttp.Json(HttpStatusCode.NotFound, "{\"error\":{\"code\":404,\"title\":\"Not Found\",\"message\":\"no\"}}")
                : FakeHttp.Json(HttpStatusCode.OK, v2));
            using var session = await Keystone.ConnectAsync(http, settings: Keystone.PasswordSettings("http://id.test:5000/"));
            Assert.Equal("v2.0", session.IdentityVersion);
            Assert.Equal(new[] { "http://id.test:5000/v3/auth/tokens", "http://id.test:5000/v2.0/tokens" }, http.All.Select(r => r.Uri.AbsoluteUri));
        }

        [Fact]
        public async Task GivenTokenWithAuthUrlIsExchangedForACatalogButCannotRenew()
        {
            var http = Keystone.Cloud((r, n) => FakeHttp.Json(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"expired\"}}"));
            var settings = new ConnectionSettings { AuthUrl = new Uri(Keystone.AuthUrl), Token = SecureStrings.FromPlain("os-token"), ProjectName = "demo" };
            using var session = await Keystone.ConnectAsync(http, settings: settings);
            Assert.Equal("http://nova.test:8774/v2.1/1234/", session.ComputeEndpoint.AbsoluteUri);
            Assert.False(session.Tokens.CanRenew);
            using (var body = JsonDocument.Parse(Assert.Single(http.Identity).Body!))
            {
                var identity = body.RootElement.GetProperty("auth").GetProperty("identity");
                Assert.Equal("token", identity.GetProperty("methods")[0].GetString());
                Assert.Equal("os-token", identity.GetProperty("token").GetProperty("id").GetString());
            }
            var e = await Assert.ThrowsAsync<ComputeUnauthorizedException>(() => session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None));
            Assert.Contains("cannot renew", e.Message);
            Assert.Single(http.Identity);
        }

        [Fact]
        public async Task WrongPasswordIsUnauthorizedWithKeystoneMessage()
        {
            var http = new FakeHttp((r, n) => FakeHttp.Json(HttpStatusCode.Unauthorized,
                "{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"The request you have made requires authentication.\"}}"));
            var e = await Assert.ThrowsAsync<ComputeUnauthorizedException>(() => Keystone.ConnectAsync(http));
            Assert.Contains("requires authentication", e.Message);
            Assert.Single(http.All); // a 401 is not retried
        }

        [Fact]
        public async Task MissingRegionListsRegionsAndAmbiguityIsRefused()
        {
            var http = new FakeHttp((r, n) => Keystone.V3Token("t", DateTimeOffset.UtcNow.AddHours(1), ("RegionOne", "http://a/v2.1/1"), ("RegionTwo", "http://b/v2.1/1")));
            var ambiguous = await Assert.ThrowsAsync<ComputeRegionNotFoundException>(() => Keystone.ConnectAsync(http));
            Assert.Contains("RegionOne", ambiguous.Message);
            Assert.Contains("RegionTwo", ambiguous.Message);
            var missing = await Assert.ThrowsAsync<ComputeRegionNotFoundException>(() => Keystone.ConnectAsync(http, settings: Keystone.PasswordSettings(region: "RegionNine")));
            Assert.Contains("RegionNine", missing.Message);
            using var two = await Keystone.ConnectAsync(http, settings: Keystone.PasswordSettings(region: "regiontwo"));
            Assert.Equal("http://b/v2.1/1/", two.ComputeEndpoint.AbsoluteUri);
            Assert.Equal("RegionTwo", two.Region);
            Assert.Equal(new[] { "RegionOne", "RegionTwo" }, two.Regions);
        }

        [Fact]
        public async Task TokenOnlyConnectionMakesNoIdentityCallAndCannotRenew()
        {
            var http = new FakeHttp((r, n) => n == 1
                ? Ok()
                : FakeHttp.Json(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"The request you have made requires authentication.\"}}"));
            var settings = new ConnectionSettings { Token = SecureStrings.FromPlain("given-token"), Endpoint = new Uri("http://nova.test/v2.1/1234") };
            using var session = await Keystone.ConnectAsync(http, settings: settings);
            Assert.Equal("token", session.IdentityVersion);
            Assert.Empty(http.All);
            Assert.Equal("http://nova.test/v2.1/1234/", session.ComputeEndpoint.AbsoluteUri);

            await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None);
            Assert.Equal("given-token", http.All[0].Headers["X-Auth-Token"]);
            var e = await Assert.ThrowsAsync<ComputeUnauthorizedException>(() => session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None));
            Assert.Contains("cannot renew", e.Message);
            Assert.Contains("Connect-ComputeService", e.Message);
            Assert.Equal(2, http.All.Count);
        }

        [Fact]
        public async Task A401RenewsOnceAndReplaysEvenAPost()
        {
            var http = Keystone.Cloud((r, n) => r.Headers["X-Auth-Token"] == "tok-1"
                ? FakeHttp.Json(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"expired\"}}")
                : FakeHttp.Empty(HttpStatusCode.Accepted, ("Location", "http://glance/images/i-1")));
            using var session = await Keystone.ConnectAsync(http);
            var response = await session.SendAsync(new ApiRequest(HttpMethod.Post, "servers/s1/action") { Body = new { createImage = new { name = "snap" } } }, CancellationToken.None);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(new Uri("http://glance/images/i-1"), response.Location);
            Assert.Equal(2, http.Identity.Count);
            var compute = http.Compute;
            Assert.Equal(2, compute.Count);
            Assert.Equal("tok-2", compute[1].Headers["X-Auth-Token"]);
            Assert.Equal(compute[0].Body, compute[1].Body);
            Assert.Contains("\"createImage\"", compute[1].Body);
        }

        [Fact]
        public async Task RenewedTokenStillRejectedSurfacesUnauthorized()
        {
            var http = Keystone.Cloud((r, n) => FakeHttp.Json(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"no\"}}"));
            using var session = await Keystone.ConnectAsync(http);
            await Assert.ThrowsAsync<ComputeUnauthorizedException>(() => session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None));
            Assert.Equal(2, http.Identity.Count);
            Assert.Equal(2, http.Compute.Count);
        }

        [Fact]
        public async Task ConcurrentRequestsShareOneRenewal()
        {
            var http = Keystone.Cloud((r, n) => r.Headers["X-Auth-Token"] == "tok-1"
                ? FakeHttp.Json(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":401,\"message\":\"expired\"}}")
                : Ok());
            using var session = await Keystone.ConnectAsync(http);
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None)));
            Assert.Equal(2, http.Identity.Count);
        }

        [Fact]
        public async Task TokenIsRenewedShortlyBeforeItExpires()
        {
            var now = new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);
            var clock = now;
            var http = Keystone.Cloud((r, n) => Ok(), expires: now.AddHours(1));
            using var session = await Keystone.ConnectAsync(http, clock: () => clock);
            await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None);
            Assert.Single(http.Identity);
            clock = now.AddMinutes(58).AddSeconds(30); // inside the 2-minute margin
            await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None);
            Assert.Equal(2, http.Identity.Count);
            Assert.Equal("tok-2", http.Compute.Last().Headers["X-Auth-Token"]);
        }

        [Fact]
        public async Task FailedProactiveRenewalKeepsTheStillValidToken()
        {
            var now = new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);
            var clock = now;
            int auths = 0;
            var http = new FakeHttp((r, n) =>
            {
                if (r.Uri.AbsolutePath.EndsWith("/auth/tokens"))
                {
                    return Interlocked.Increment(ref auths) == 1
                        ? Keystone.V3Token("tok-1", now.AddHours(1))
                        : FakeHttp.Empty(HttpStatusCode.ServiceUnavailable);
                }
                return Ok();
            });
            using var session = await Keystone.ConnectAsync(http, new List<TimeSpan>(), () => clock);
            clock = now.AddMinutes(59);
            await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None);
            Assert.Equal("tok-1", http.Compute.Last().Headers["X-Auth-Token"]);
            Assert.Equal(5, http.Identity.Count); // the first, then one renewal of 4 attempts
        }

        [Fact]
        public async Task ServiceUnavailableIsRetriedWithGrowingBackoffThenThrown()
        {
            var delays = new List<TimeSpan>();
            var http = Keystone.Cloud((r, n) => FakeHttp.Json(HttpStatusCode.ServiceUnavailable, "{\"serviceUnavailable\":{\"code\":503,\"message\":\"busy\"}}"));
            using var session = await Keystone.ConnectAsync(http, delays);
            var e = await Assert.ThrowsAsync<ComputeServiceUnavailableException>(() => session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
            Assert.Equal(4, http.Compute.Count);
            Assert.Equal(new[] { 200.0, 400.0, 800.0 }, delays.Select(d => d.TotalMilliseconds));
        }

        [Fact]
        public async Task RetryThenSuccess()
        {
            var delays = new List<TimeSpan>();
            var http = Keystone.Cloud((r, n) => n < 3 ? FakeHttp.Empty(HttpStatusCode.BadGateway) : Ok());
            using var session = await Keystone.ConnectAsync(http, delays);
            var response = await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(3, http.Compute.Count);
            Assert.Equal(2, delays.Count);
        }

        [Fact]
        public async Task RateLimitHonoursRetryAfterSeconds()
        {
            var delays = new List<TimeSpan>();
            var http = Keystone.Cloud((r, n) => n == 1
                ? FakeHttp.Json((HttpStatusCode)429, "{\"overLimit\":{\"code\":429,\"message\":\"slow down\"}}", ("Retry-After", "3"))
                : Ok());
            using var session = await Keystone.ConnectAsync(http, delays);
            await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None);
            Assert.Equal(new[] { TimeSpan.FromSeconds(3) }, delays);
        }

        [Fact]
        public async Task LegacyOverLimitHonoursRetryAfterDateAndRetriesAPost()
        {
            var now = new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);
            var delays = new List<TimeSpan>();
            var http = Keystone.Cloud((r, n) => n == 1
                ? FakeHttp.Json((HttpStatusCode)413, "{\"overLimit\":{\"code\":413,\"message\":\"This request was rate-limited.\"}}", ("Retry-After", "Mon, 23 Nov 2026 03:00:05 GMT"))
                : FakeHttp.Empty(HttpStatusCode.Accepted), expires: now.AddHours(1));
            using var session = await Keystone.ConnectAsync(http, delays, clock: () => now);
            await session.SendAsync(new ApiRequest(HttpMethod.Post, "servers/s/action") { Body = new { createImage = new { name = "n" } } }, CancellationToken.None);
            Assert.Equal(new[] { TimeSpan.FromSeconds(5) }, delays);
            Assert.Equal(2, http.Compute.Count);
        }

        [Fact]
        public async Task RetryAfterBeyondTheCapIsReportedAtOnce()
        {
            var delays = new List<TimeSpan>();
            var http = Keystone.Cloud((r, n) => FakeHttp.Json((HttpStatusCode)429, "{\"overLimit\":{\"code\":429,\"message\":\"later\"}}", ("Retry-After", "3600")));
            using var session = await Keystone.ConnectAsync(http, delays);
            var e = await Assert.ThrowsAsync<ComputeRateLimitedException>(() => session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None));
            Assert.Equal(TimeSpan.FromHours(1), e.RetryAfter);
            Assert.Single(http.Compute);
            Assert.Empty(delays);
        }

        [Fact]
        public async Task QuotaOverLimitWithoutRetryAfterIsNotRetried()
        {
            var http = Keystone.Cloud((r, n) => FakeHttp.Json((HttpStatusCode)413, "{\"overLimit\":{\"code\":413,\"message\":\"Quota exceeded for instances\"}}"));
            using var session = await Keystone.ConnectAsync(http);
            await Assert.ThrowsAsync<ComputeRateLimitedException>(() => session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None));
            Assert.Single(http.Compute);
        }

        [Fact]
        public async Task PostIsRetriedOn503FaultButNotOnBare503Or502Or504()
        {
            foreach (var (status, body, expected) in new[]
                     {
                         (503, "{\"serviceUnavailable\":{\"code\":503,\"message\":\"busy\"}}", 4),
                         (503, "<html>proxy</html>", 1),
                         (502, "{\"computeFault\":{\"code\":502,\"message\":\"x\"}}", 1),
                         (504, "", 1),
                     })
            {
                var http = Keystone.Cloud((r, n) => FakeHttp.Json((HttpStatusCode)status, body));
                using var session = await Keystone.ConnectAsync(http);
                await Assert.ThrowsAsync<ComputeServiceUnavailableException>(() => session.SendAsync(new ApiRequest(HttpMethod.Post, "servers/s/action") { Body = new { x = 1 } }, CancellationToken.None));
                Assert.Equal(expected, http.Compute.Count);
            }
        }

        [Fact]
        public async Task ConnectionRefusedIsRetriedEvenForPostButADroppedConnectionOnlyForGet()
        {
            var refused = new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));
            var reset = new HttpRequestException("The response ended prematurely.", new System.IO.IOException("reset"));
            foreach (var (error, method, expected) in new[]
                     {
                         (refused, HttpMethod.Post, 4),
                         (reset, HttpMethod.Post, 1),
                         (reset, HttpMethod.Get, 4),
                     })
            {
                var http = Keystone.Cloud((r, n) => throw error);
                using var session = await Keystone.ConnectAsync(http);
                var e = await Assert.ThrowsAsync<ComputeServiceUnavailableException>(() => session.SendAsync(new ApiRequest(method, "servers"), CancellationToken.None));
                Assert.Null(e.StatusCode);
                Assert.Contains("Could not reach", e.Message);
                Assert.Equal(expected, http.Compute.Count);
            }
        }

        [Fact]
        public async Task TimeoutOfAPostIsNotRetriedAndOfAGetOnce()
        {
            foreach (var (method, expected) in new[] { (HttpMethod.Post, 1), (HttpMethod.Get, 2) })
            {
                int calls = 0;
                var http = new FakeHttp(async (req, r, n, ct) =>
                {
                    if (r.Uri.AbsolutePath.EndsWith("/auth/tokens")) return Keystone.V3Token("t", DateTimeOffset.UtcNow.AddHours(1));
                    Interlocked.Increment(ref calls);
                    await Task.Delay(TimeSpan.FromSeconds(10), ct);
                    return Ok();
                });
                var options = Keystone.Options(http);
                options.RequestTimeout = TimeSpan.FromMilliseconds(100);
                using var session = await ComputeSession.ConnectAsync(Keystone.PasswordSettings(), options, CancellationToken.None);
                var e = await Assert.ThrowsAsync<ComputeTimeoutException>(() => session.SendAsync(new ApiRequest(method, "servers"), CancellationToken.None));
                Assert.Contains("did not answer within", e.Message);
                Assert.Equal(expected, calls);
            }
        }

        [Fact]
        public async Task CancellationStopsTheRequestInFlightAtOnce()
        {
            var http = new FakeHttp(async (req, r, n, ct) =>
            {
                if (r.Uri.AbsolutePath.EndsWith("/auth/tokens")) return Keystone.V3Token("t", DateTimeOffset.UtcNow.AddHours(1));
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
                return Ok();
            });
            using var session = await Keystone.ConnectAsync(http);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), cts.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
        }

        [Fact]
        public async Task CancellationReachesTheBackoffDelay()
        {
            var http = Keystone.Cloud((r, n) => FakeHttp.Empty(HttpStatusCode.ServiceUnavailable, ("Retry-After", "30")));
            var options = Keystone.Options(http);
            options.Delay = (d, ct) => Task.Delay(d, ct); // real waits here
            using var session = await ComputeSession.ConnectAsync(Keystone.PasswordSettings(), options, CancellationToken.None);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), cts.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
            Assert.Single(http.Compute);
        }

        [Fact]
        public async Task MicroversionSendsBothHeaders()
        {
            var http = Keystone.Cloud((r, n) => Ok());
            using var session = await Keystone.ConnectAsync(http);
            await session.SendAsync(new ApiRequest(HttpMethod.Get, "images/detail") { MicroVersion = "2.35" }, CancellationToken.None);
            var sent = Assert.Single(http.Compute);
            Assert.Equal("2.35", sent.Headers["X-OpenStack-Nova-API-Version"]);
            Assert.Equal("compute 2.35", sent.Headers["OpenStack-API-Version"]);
        }

        [Fact]
        public async Task NotFoundFaultIsTypedAndReadHelpersWork()
        {
            var http = Keystone.Cloud((r, n) => r.Uri.AbsolutePath.EndsWith("/missing")
                ? FakeHttp.Json(HttpStatusCode.NotFound, "{\"itemNotFound\":{\"code\":404,\"message\":\"Image not found.\"}}", ("x-openstack-request-id", "req-9"))
                : FakeHttp.Json(HttpStatusCode.OK, "{\"metadata\":{\"os_distro\":\"cirros\"}}", ("x-compute-request-id", "req-8")));
            using var session = await Keystone.ConnectAsync(http);
            var e = await Assert.ThrowsAsync<ComputeNotFoundException>(() => session.SendAsync(new ApiRequest(HttpMethod.Get, "images/missing"), CancellationToken.None));
            Assert.Equal("itemNotFound", e.FaultCode);
            Assert.Equal("req-9", e.RequestId);
            Assert.Single(http.Compute); // 404 is not retried

            var ok = await session.SendAsync(new ApiRequest(HttpMethod.Get, "images/i/metadata"), CancellationToken.None);
            Assert.Equal("req-8", ok.RequestId);
            Assert.Equal("cirros", ok.Read<Dictionary<string, Dictionary<string, string>>>()["metadata"]["os_distro"]);
            using var doc = ok.ReadDocument();
            Assert.Equal("cirros", doc.RootElement.GetProperty("metadata").GetProperty("os_distro").GetString());
        }

        [Fact]
        public async Task EmptyOrBadBodyReadsAsComputeApiException()
        {
            var http = Keystone.Cloud((r, n) => n == 1 ? FakeHttp.Empty(HttpStatusCode.NoContent) : FakeHttp.Json(HttpStatusCode.OK, "{\"trunc"));
            using var session = await Keystone.ConnectAsync(http);
            var empty = await session.SendAsync(new ApiRequest(HttpMethod.Delete, "images/i"), CancellationToken.None);
            Assert.True(empty.IsEmpty);
            Assert.Throws<ComputeApiException>(() => empty.Read<Dictionary<string, object>>());
            var bad = await session.SendAsync(new ApiRequest(HttpMethod.Get, "images/i"), CancellationToken.None);
            Assert.Throws<ComputeApiException>(() => bad.ReadDocument());
        }

        [Fact]
        public async Task VerboseAndDebugMessagesGoToTheCurrentQueueRedacted()
        {
            var http = Keystone.Cloud((r, n) => n == 1 ? FakeHttp.Empty(HttpStatusCode.ServiceUnavailable) : Ok("{\"servers\":[],\"adminPass\":\"pw\"}"));
            using var messages = new CmdletMessages(verboseEnabled: true, debugEnabled: true);
            CmdletMessages.Current = messages;
            try
            {
                using var session = await Keystone.ConnectAsync(http);
                await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers/detail?limit=2") { Page = 2 }, CancellationToken.None);
            }
            finally
            {
                CmdletMessages.Current = null;
            }
            var all = new List<(MessageKind, string)>();
            while (messages.TryTake(out var kind, out var text)) all.Add((kind, text));
            var verbose = all.Where(m => m.Item1 == MessageKind.Verbose).Select(m => m.Item2).ToList();
            Assert.Contains(verbose, v => v.StartsWith("POST http://id.test:5000/v3/auth/tokens -> 201 ("));
            Assert.Contains(verbose, v => System.Text.RegularExpressions.Regex.IsMatch(v,
                @"^GET http://nova\.test:8774/v2\.1/1234/servers/detail\?limit=2 -> 503 \(\d+ ms\) page 2$"));
            Assert.Contains(verbose, v => v.Contains("retrying in 200 ms (attempt 2 of 4)"));
            Assert.Contains(verbose, v => System.Text.RegularExpressions.Regex.IsMatch(v,
                @"^GET http://nova\.test:8774/v2\.1/1234/servers/detail\?limit=2 -> 200 \(\d+ ms\) page 2 attempt 2$"));
            string debug = string.Join("\n", all.Where(m => m.Item1 == MessageKind.Debug).Select(m => m.Item2));
            Assert.Contains("X-Auth-Token: ***", debug);
            Assert.Contains("X-Subject-Token: ***", debug);
            Assert.DoesNotContain("tok-1", debug);
            Assert.DoesNotContain("demo-password", debug);
            Assert.DoesNotContain("\"pw\"", debug);
            Assert.Contains("\"servers\":[]", debug);
        }

        [Fact]
        public async Task DisposedSessionRefusesToSend()
        {
            var http = Keystone.Cloud((r, n) => Ok());
            var session = await Keystone.ConnectAsync(http);
            session.Dispose();
            Assert.True(session.IsDisposed);
            await Assert.ThrowsAsync<ComputeNotConnectedException>(() => session.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None));
        }
    }
}
