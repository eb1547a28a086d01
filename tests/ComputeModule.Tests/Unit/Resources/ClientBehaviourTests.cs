using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Clients;
using ComputeModule.Errors;
using ComputeModule.Http;
using Xunit;

namespace ComputeModule.Tests.Unit.Resources
{
    public class ClientBehaviourTests
    {
        private const string ServerJson = @"{""server"":{""id"":""s1"",""name"":""web01"",""status"":""ACTIVE""}}";
        private const string ImageJson = @"{""image"":{""id"":""img-9"",""name"":""web01-nightly"",""status"":""SAVING"",""progress"":25,""metadata"":{""image_type"":""snapshot""}}}";

        [Fact]
        public async Task CreateImageTakesTheIdFromTheGlanceLocationAndSendsNoMicroversion()
        {
            var fake = new FakeSender(r => FakeSender.Empty(HttpStatusCode.Accepted, new Uri("http://127.0.0.1:9292/images/img-9")));
            var client = new ServersClient(fake.Send, "RegionOne");

            string id = await client.CreateImageAsync("s1", "web01-nightly", new Dictionary<string, string> { ["purpose"] = "test" }, CancellationToken.None);

            Assert.Equal("img-9", id);
            var request = Assert.Single(fake.Requests);
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal("servers/s1/action", request.Path);
            Assert.False(request.Idempotent);
            Assert.Null(request.MicroVersion);
            Assert.Equal(@"{""createImage"":{""name"":""web01-nightly"",""metadata"":{""purpose"":""test""}}}", FakeSender.BodyJson(request));
        }

        [Fact]
        public async Task CreateImageWithoutMetadataSendsNoMetadataAndReadsImageIdFromABody()
        {
            var fake = new FakeSender(r => FakeSender.Json(@"{""image_id"":""img-10""}", HttpStatusCode.Accepted));
            var client = new ServersClient(fake.Send, null);

            Assert.Equal("img-10", await client.CreateImageAsync("s1", "n", null, CancellationToken.None));
            Assert.Equal(@"{""createImage"":{""name"":""n""}}", FakeSender.BodyJson(fake.Requests[0]));
        }

        [Fact]
        public async Task CreateImageWithNeitherLocationNorBodyFailsClearly()
        {
            var fake = new FakeSender(r => FakeSender.Empty(HttpStatusCode.Accepted));
            var e = await Assert.ThrowsAsync<ComputeApiException>(() => new ServersClient(fake.Send, null).CreateImageAsync("s1", "n", null, CancellationToken.None));
            Assert.Contains("s1", e.Message);
        }

        [Fact]
        public async Task ImageReadsUseTheComputeApiWithoutMicroversion()
        {
            var fake = new FakeSender(r => FakeSender.Json(ImageJson));
            var image = await new ImagesClient(fake.Send, "RegionTwo").GetAsync("img-9", CancellationToken.None);

            Assert.Equal("images/img-9", fake.Requests[0].Path);
            Assert.Null(fake.Requests[0].MicroVersion);
            Assert.Equal("Snapshot", image.Type);
            Assert.Equal("RegionTwo", image.Region);
        }

        [Fact]
        public async Task ListingCarriesThePageNumberForVerboseOutput()
        {
            var fake = new FakeSender(r => FakeSender.Json(@"{""servers"":[{""id"":""a""}],""servers_links"":[{""rel"":""next"",""href"":""http://elsewhere/v2/servers/detail?marker=a""}]}"));
            var page = await new ServersClient(fake.Send, null).ListAsync(new ServerListQuery { Limit = 1 }, "z", 3, CancellationToken.None);

            Assert.Equal("servers/detail?limit=1&marker=z", fake.Requests[0].Path);
            Assert.Equal(3, fake.Requests[0].Page);
            Assert.Equal("a", page.NextMarker);
        }

        [Fact]
        public async Task MetadataMergePostsAndReplacePutsTheWholeSet()
        {
            var fake = new FakeSender(r => FakeSender.Json(@"{""metadata"":{""a"":""1"",""b"":""2""}}"));
            var client = new ImageMetadataClient(fake.Send);

            var merged = await client.MergeAsync("img", new Dictionary<string, string> { ["b"] = "2" }, CancellationToken.None);
            await client.ReplaceAsync("img", new Dictionary<string, string> { ["a"] = "1" }, CancellationToken.None);

            Assert.Equal(HttpMethod.Post, fake.Requests[0].Method);
            Assert.Equal("images/img/metadata", fake.Requests[0].Path);
            Assert.Equal(@"{""metadata"":{""b"":""2""}}", FakeSender.BodyJson(fake.Requests[0]));
            Assert.Equal(HttpMethod.Put, fake.Requests[1].Method);
            Assert.Equal(2, merged.Count);
            Assert.All(fake.Requests, r => Assert.Null(r.MicroVersion));
        }

        [Fact]
        public async Task MetadataItemIsReadFromMeta()
        {
            var fake = new FakeSender(r => FakeSender.Json(@"{""meta"":{""os_distro"":""cirros""}}"));
            var entry = await new ImageMetadataClient(fake.Send).GetItemAsync("img", "os_distro", CancellationToken.None);
            Assert.Equal("images/img/metadata/os_distro", fake.Requests[0].Path);
            Assert.Equal("cirros", entry.Value);
            Assert.Equal("img", entry.ImageId);
        }

        [Fact]
        public async Task MaxImageMetaFallsBackTo128WhenLimitsFail()
        {
            var fake = new FakeSender(r => throw new ComputeForbiddenException("no", requestUri: new Uri(FakeSender.Endpoint, "limits")));
            Assert.Equal(128, await new ImageMetadataClient(fake.Send).GetMaxImageMetaAsync(CancellationToken.None));
            var ok = new FakeSender(r => FakeSender.Json(@"{""limits"":{""absolute"":{""maxImageMeta"":5}}}"));
            Assert.Equal(5, await new ImageMetadataClient(ok.Send).GetMaxImageMetaAsync(CancellationToken.None));
        }

        [Fact]
        public async Task ScheduleBodiesFollowTheRackspaceReference()
        {
            var fake = new FakeSender(r => FakeSender.Json(@"{""image_schedule"":{""retention"":7,""day_of_week"":""SUNDAY""}}"));
            var servers = new ServersClient(fake.Send, null);
            var schedules = new ImageSchedulesClient(fake.Send, servers);

            var weekly = await schedules.EnableAsync("s1", 7, DayOfWeek.Sunday, CancellationToken.None);

            Assert.Equal("servers/s1/rax-si-image-schedule", fake.Requests[0].Path);
            Assert.Equal(@"{""image_schedule"":{""retention"":7,""day_of_week"":""SUNDAY""}}", FakeSender.BodyJson(fake.Requests[0]));
            Assert.Equal(DayOfWeek.Sunday, weekly.DayOfWeek);
            Assert.Equal("s1", weekly.ServerId);
            Assert.Equal(@"{""image_schedule"":{""retention"":3}}",
                System.Text.Json.JsonSerializer.Serialize(ImageSchedulesClient.BuildBody(3, null), ComputeJson.Options));
        }

        [Fact]
        public async Task ScheduleRouteMissingOnAnExistingServerMeansNotSupported()
        {
            var fake = new FakeSender(r => r.Path.EndsWith("rax-si-image-schedule")
                ? throw FakeSender.NotFound(r.Path, "The resource could not be found.")
                : FakeSender.Json(ServerJson));
            var schedules = new ImageSchedulesClient(fake.Send, new ServersClient(fake.Send, null));

            var e = await Assert.ThrowsAsync<ImageSchedulesNotSupportedException>(() => schedules.GetAsync("s1", CancellationToken.None));

            Assert.Equal(new[] { "servers/s1/rax-si-image-schedule", "servers/s1" }, fake.Requests.Select(r => r.Path));
            Assert.Equal("ImageSchedulesNotSupported", ResourceErrorIds.For(e));
            await Assert.ThrowsAsync<ImageSchedulesNotSupportedException>(() => schedules.EnableAsync("s1", 1, null, CancellationToken.None));
        }

        [Fact]
        public async Task ScheduleOnAMissingServerIsServerNotFound()
        {
            var fake = new FakeSender(r => throw FakeSender.NotFound(r.Path, r.Path.EndsWith("schedule") ? "The resource could not be found." : "Instance s1 could not be found."));
            var schedules = new ImageSchedulesClient(fake.Send, new ServersClient(fake.Send, null));

            var e = await Assert.ThrowsAsync<ComputeNotFoundException>(() => schedules.EnableAsync("s1", 3, null, CancellationToken.None));

            Assert.Equal("ServerNotFound", ResourceErrorIds.For(e));
        }

        [Fact]
        public async Task NoScheduleOnAnExistingServerIsImageScheduleNotFound()
        {
            var fake = new FakeSender(r => r.Path.EndsWith("rax-si-image-schedule")
                ? throw FakeSender.NotFound(r.Path, "Image schedule does not exist for server s1")
                : FakeSender.Json(ServerJson));
            var schedules = new ImageSchedulesClient(fake.Send, new ServersClient(fake.Send, null));

            var get = await Assert.ThrowsAsync<ComputeNotFoundException>(() => schedules.GetAsync("s1", CancellationToken.None));
            var disable = await Assert.ThrowsAsync<ComputeNotFoundException>(() => schedules.DisableAsync("s1", CancellationToken.None));

            Assert.Equal("ImageScheduleNotFound", ResourceErrorIds.For(get));
            Assert.Equal("ImageScheduleNotFound", ResourceErrorIds.For(disable));
        }

        [Theory]
        [InlineData("servers/s1", "Instance s1 could not be found.", "ServerNotFound")]
        [InlineData("servers/s1/action", "Instance s1 could not be found.", "ServerNotFound")]
        [InlineData("images/i1", "Image not found.", "ImageNotFound")]
        [InlineData("images/i1/metadata", "Image not found.", "ImageNotFound")]
        [InlineData("images/i1/metadata/k", "Image not found.", "ImageNotFound")]
        [InlineData("images/i1/metadata/k", "Metadata item was not found", "MetadataKeyNotFound")]
        [InlineData("images/i1/metadata/k", "The resource could not be found.", "MetadataKeyNotFound")]
        [InlineData("images/i1/metadata/k", "Invalid metadata key", "MetadataKeyNotFound")]
        [InlineData("servers/s1/rax-si-image-schedule", "Image schedule does not exist for server s1", "ImageScheduleNotFound")]
        public void NotFoundIdsFollowTheRoute(string path, string message, string id)
        {
            Assert.Equal(id, ResourceErrorIds.For(FakeSender.NotFound(path, message)));
        }

        [Fact]
        public void MetadataLimitFaultsAreRecognised()
        {
            var forbidden = new ComputeForbiddenException("Image metadata limit exceeded (HTTP 403 forbidden)", "forbidden", "Image metadata limit exceeded");
            var quota = new ComputeRateLimitedException("x", (HttpStatusCode)413, null, "overLimit", "Quota exceeded for metadata items");
            var policy = new ComputeForbiddenException("Policy doesn't allow this", "forbidden", "Policy doesn't allow this");

            Assert.Equal("MetadataLimitExceeded", ResourceErrorIds.For(forbidden));
            Assert.Equal("MetadataLimitExceeded", ResourceErrorIds.For(quota));
            Assert.Null(ResourceErrorIds.For(policy));
            Assert.Equal("InvalidMetadata", ResourceErrorIds.For(new InvalidMetadataException("bad", "k")));
        }
    }
}
