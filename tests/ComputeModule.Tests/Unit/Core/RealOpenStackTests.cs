using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Collections.Generic;
using System.Linq;
using ComputeModule.Auth;
using ComputeModule.Clients;
using ComputeModule.Errors;
using ComputeModule.Http;
using Xunit;

namespace ComputeModule.Tests.Unit.Core
{
    /// <summary>
    /// The core against a real Keystone v3 + Nova (tests/openstack, shared/openstack): runs only with
    /// COMPUTE_TEST_BACKEND=openstack and the OS_* variables of its openrc; skipped otherwise.
    /// </summary>
    public class RealOpenStackTests
    {
        private static ConnectionSettings Settings()
        {
            Skip.IfNot(TestBackend.IsOpenStack, "needs COMPUTE_TEST_BACKEND=openstack and the OS_* variables of a real OpenStack");
            var settings = ConnectionSettings.FromEnvironment(Environment.GetEnvironmentVariable);
            Skip.If(settings == null, "OS_AUTH_URL is not set");
            return settings!;
        }

        [SkippableFact]
        public async Task ConnectListAndFaultsOnRealNova()
        {
            var settings = Settings();
            using var session = await ComputeSession.ConnectAsync(settings, null, CancellationToken.None);
            Assert.Equal("v3", session.IdentityVersion);
            Assert.EndsWith("/", session.ComputeEndpoint.AbsoluteUri);
            Assert.True(session.TokenExpires > DateTimeOffset.UtcNow);

            var list = await session.SendAsync(new ApiRequest(HttpMethod.Get, "servers/detail?limit=1"), CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.NotNull(list.RequestId);

            var notFound = await Assert.ThrowsAsync<ComputeNotFoundException>(() =>
                session.SendAsync(new ApiRequest(HttpMethod.Get, "servers/00000000-0000-0000-0000-000000000000"), CancellationToken.None));
            Assert.Equal("itemNotFound", notFound.FaultCode);
            Assert.Contains("could not be found", notFound.FaultMessage);

            var images = await session.SendAsync(new ApiRequest(HttpMethod.Get, "images/detail?limit=1") { MicroVersion = "2.35" }, CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, images.StatusCode);
            await Assert.ThrowsAsync<ComputeNotFoundException>(() =>
                session.SendAsync(new ApiRequest(HttpMethod.Get, "images/detail?limit=1") { MicroVersion = "2.36" }, CancellationToken.None));
        }

        [SkippableFact]
        public async Task BadTokenIsKeystoneMiddlewares401()
        {
            var settings = Settings();
            using var real = await ComputeSession.ConnectAsync(settings, null, CancellationToken.None);
            var tokenOnly = new ConnectionSettings { Token = SecureStrings.FromPlain("not-a-valid-token"), Endpoint = real.ComputeEndpoint };
            using var bad = await ComputeSession.ConnectAsync(tokenOnly, null, CancellationToken.None);
            var e = await Assert.ThrowsAsync<ComputeUnauthorizedException>(() => bad.SendAsync(new ApiRequest(HttpMethod.Get, "servers"), CancellationToken.None));
            Assert.Equal("Unauthorized", e.FaultCode);
            Assert.Contains("cannot renew", e.Message);
            Assert.DoesNotContain("not-a-valid-token", e.Message);
        }

        [SkippableFact]
        public async Task NovasOwn403BeyondTheMetadataLimitIsMetadataLimitExceeded()
        {
            // The cmdlets refuse an over-limit set before sending, so the suite never sees Nova's own answer:
            // send one past the module's check, as a cloud with a lower limit than /limits says would provoke.
            var settings = Settings();
            using var session = await ComputeSession.ConnectAsync(settings, null, CancellationToken.None);
            var servers = new ServersClient(session.SendAsync, null);
            var server = (await servers.ListAsync(new ServerListQuery { Status = "ACTIVE", Limit = 1 }, null, 1, CancellationToken.None)).Items.Single();
            var imageId = await servers.CreateImageAsync(server.Id, "limit-probe-" + Guid.NewGuid().ToString("N").Substring(0, 8), null, CancellationToken.None);
            var images = new ImagesClient(session.SendAsync, null);
            try
            {
                var metadata = new ImageMetadataClient(session.SendAsync);
                var many = Enumerable.Range(0, 130).ToDictionary(i => "key" + i, i => "value" + i);
                var e = await Assert.ThrowsAsync<ComputeForbiddenException>(() => metadata.MergeAsync(imageId, many, CancellationToken.None));
                Assert.Equal(ResourceErrorIds.MetadataLimitExceeded, ResourceErrorIds.For(e));
                Assert.Contains("limit", e.FaultMessage, StringComparison.OrdinalIgnoreCase);
                Assert.False((await metadata.GetAllAsync(imageId, CancellationToken.None)).ContainsKey("key0"));
            }
            finally
            {
                await images.DeleteAsync(imageId, CancellationToken.None);
            }
        }

        [SkippableFact]
        public async Task WrongPasswordAndUnknownRegion()
        {
            var settings = Settings();
            settings.Password = SecureStrings.FromPlain("wrong-password-123");
            await Assert.ThrowsAsync<ComputeUnauthorizedException>(() => ComputeSession.ConnectAsync(settings, null, CancellationToken.None));
            var region = Settings();
            region.Region = "NoSuchRegion";
            var e = await Assert.ThrowsAsync<ComputeRegionNotFoundException>(() => ComputeSession.ConnectAsync(region, null, CancellationToken.None));
            Assert.Contains("RegionOne", e.Message);
        }
    }
}
