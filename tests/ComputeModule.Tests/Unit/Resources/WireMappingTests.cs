using System;
using System.Linq;
using System.Text.Json;
using ComputeModule.Clients;
using ComputeModule.Http;
using ComputeModule.Wire;
using Xunit;

namespace ComputeModule.Tests.Unit.Resources
{
    public class WireMappingTests
    {
        private const string NovaServers = @"{
  ""servers"": [
    { ""id"": ""36e53086-4fbd-4088-b659-abba80832890"", ""name"": ""smoke-2"", ""status"": ""ACTIVE"",
      ""tenant_id"": ""7681a424"", ""user_id"": ""7f6ca90a"", ""metadata"": {},
      ""hostId"": ""fbe390b8"", ""image"": { ""id"": ""33696c77-151c-4813-9ed7-4a655540e5b1"", ""links"": [] },
      ""flavor"": { ""id"": ""1"", ""links"": [] }, ""created"": ""2026-11-23T02:51:05Z"", ""updated"": ""2026-11-23T02:51:05Z"",
      ""addresses"": { ""private"": [ { ""addr"": ""10.0.0.5"", ""version"": 4 }, { ""addr"": ""fd00::5"", ""version"": 6 } ] },
      ""accessIPv4"": """", ""accessIPv6"": """", ""progress"": 0, ""OS-SRV-USG:launched_at"": ""2026-11-23T02:51:05.000000"", ""key_name"": null },
    { ""id"": ""42931ff6-2e8d-4d55-b11a-0c5b88c05f37"", ""name"": ""volume-backed"", ""status"": ""BUILD"", ""image"": """",
      ""flavor"": { ""id"": ""2"" }, ""created"": ""2026-11-23T02:50:48"", ""addresses"": {}, ""metadata"": { ""role"": ""web"" } }
  ],
  ""servers_links"": [ { ""rel"": ""next"", ""href"": ""http://127.0.0.1:8774/v2.1/servers/detail?limit=2&marker=42931ff6-2e8d-4d55-b11a-0c5b88c05f37"" } ]
}";

        // HP Cloud v1.1: integer id, uuid beside it, metadata values that are numbers or null, image id as a number.
        private const string HpServer = @"{ ""server"": {
  ""accessIPv4"": """", ""accessIPv6"": """", ""addresses"": { ""private"": [ { ""addr"": ""10.2.0.27"", ""version"": 4 }, { ""addr"": ""15.185.225.248"", ""version"": 4 } ] },
  ""created"": ""2012-11-01T03:58:01Z"", ""flavor"": { ""id"": 100 }, ""hostId"": ""763e09f5"", ""id"": 294393, ""image"": { ""id"": 120 },
  ""metadata"": { ""key-1"": """", ""count"": 3, ""owner"": null, ""flag"": true }, ""name"": ""server-name-2"", ""progress"": ""100"",
  ""status"": ""ACTIVE"", ""tenant_id"": ""36991859863737"", ""updated"": ""2012-11-01T03:58:18Z"", ""user_id"": 13311562627589,
  ""uuid"": ""44823245-b322-4ad0-9cf3-c3c84fd4cbec"" } }";

        private const string NovaImages = @"{
  ""images"": [
    { ""id"": ""c81d53fa-ae2e-46f2-8b8b-11b237667459"", ""name"": ""smoke-1-snap"", ""minRam"": 0, ""minDisk"": 1,
      ""metadata"": { ""image_type"": ""snapshot"", ""instance_uuid"": ""42931ff6-2e8d-4d55-b11a-0c5b88c05f37"", ""purpose"": ""test"" },
      ""created"": ""2026-11-23T02:51:05Z"", ""updated"": ""2026-11-23T02:51:05Z"", ""status"": ""SAVING"", ""progress"": 25,
      ""OS-EXT-IMG-SIZE:size"": 0, ""server"": { ""id"": ""42931ff6-2e8d-4d55-b11a-0c5b88c05f37"", ""links"": [] } },
    { ""id"": ""33696c77-151c-4813-9ed7-4a655540e5b1"", ""name"": ""fake-image"", ""minRam"": 0, ""minDisk"": 0,
      ""metadata"": { ""os_distro"": ""cirros"", ""min_disk"": 0, ""owner"": null }, ""status"": ""ACTIVE"", ""progress"": 100 }
  ],
  ""images_links"": [ { ""rel"": ""next"", ""href"": ""http://127.0.0.1:8774/v2.1/images/detail?limit=2&marker=33696c77-151c-4813-9ed7-4a655540e5b1"" } ]
}";

        private static T Parse<T>(string json) => JsonSerializer.Deserialize<T>(json, ComputeJson.Options)!;

        [Fact]
        public void NovaServerPageMapsEveryField()
        {
            var page = ServersClient.ToPage(Parse<ServerListDto>(NovaServers), "RegionOne");

            Assert.Equal(2, page.Items.Count);
            Assert.Equal("42931ff6-2e8d-4d55-b11a-0c5b88c05f37", page.NextMarker);
            var s = page.Items[0];
            Assert.Equal("36e53086-4fbd-4088-b659-abba80832890", s.Id);
            Assert.Equal(s.Id, s.Uuid);
            Assert.Equal("smoke-2", s.Name);
            Assert.Equal("ACTIVE", s.Status);
            Assert.Equal(0, s.Progress);
            Assert.Equal("7681a424", s.TenantId);
            Assert.Equal("7f6ca90a", s.UserId);
            Assert.Equal("33696c77-151c-4813-9ed7-4a655540e5b1", s.ImageId);
            Assert.Equal("1", s.FlavorId);
            Assert.Equal("fbe390b8", s.HostId);
            Assert.Null(s.AccessIPv4);
            Assert.Null(s.AccessIPv6);
            Assert.Equal(new DateTimeOffset(2026, 11, 23, 2, 51, 5, TimeSpan.Zero), s.Created);
            Assert.Equal(new[] { "10.0.0.5", "fd00::5" }, s.Addresses["private"]);
            Assert.Empty(s.Metadata);
            Assert.Equal("RegionOne", s.Region);
            Assert.Equal(s.Id, s.ToString());
        }

        [Fact]
        public void VolumeBackedServerHasNoImageAndZonelessDatesAreUtc()
        {
            var s = ServersClient.ToPage(Parse<ServerListDto>(NovaServers), null).Items[1];

            Assert.Null(s.ImageId);
            Assert.Equal("2", s.FlavorId);
            Assert.Equal(new DateTimeOffset(2026, 11, 23, 2, 50, 48, TimeSpan.Zero), s.Created);
            Assert.Null(s.Updated);
            Assert.Empty(s.Addresses);
            Assert.Equal("web", s.Metadata["role"]);
        }

        [Fact]
        public void HpIntegerIdsAndNonStringValuesAreAccepted()
        {
            var dto = Parse<ServerEnvelopeDto>(HpServer).Server!;
            var s = WireMapper.ToServer(dto, "az-3");

            Assert.Equal("294393", s.Id);
            Assert.Equal("44823245-b322-4ad0-9cf3-c3c84fd4cbec", s.Uuid);
            Assert.Equal("120", s.ImageId);
            Assert.Equal("100", s.FlavorId);
            Assert.Equal("13311562627589", s.UserId);
            Assert.Equal(100, s.Progress);
            Assert.Equal("3", s.Metadata["count"]);
            Assert.Equal("", s.Metadata["owner"]);
            Assert.Equal("true", s.Metadata["flag"]);
            Assert.Equal(new[] { "10.2.0.27", "15.185.225.248" }, s.Addresses["private"]);
        }

        [Fact]
        public void ImagePageMapsTypeServerAndProgress()
        {
            var page = ImagesClient.ToPage(Parse<ImageListDto>(NovaImages), new ImageListQuery(), "RegionOne");

            Assert.Equal("33696c77-151c-4813-9ed7-4a655540e5b1", page.NextMarker);
            var snap = page.Items[0];
            Assert.Equal("Snapshot", snap.Type);
            Assert.Equal("42931ff6-2e8d-4d55-b11a-0c5b88c05f37", snap.ServerId);
            Assert.Equal("SAVING", snap.Status);
            Assert.Equal(25, snap.Progress);
            Assert.Equal(1, snap.MinDisk);
            Assert.Equal(0, snap.MinRam);
            Assert.Equal("test", snap.Metadata["purpose"]);
            var baseImage = page.Items[1];
            Assert.Equal("Base", baseImage.Type);
            Assert.Null(baseImage.ServerId);
            Assert.Equal("0", baseImage.Metadata["min_disk"]);
            Assert.Equal("RegionOne", baseImage.Region);
        }

        [Fact]
        public void TypeFilterIsAppliedToThePageButKeepsTheServicesMarker()
        {
            var body = Parse<ImageListDto>(NovaImages);

            var bases = ImagesClient.ToPage(body, new ImageListQuery { Type = ImageTypeFilter.Base }, null);
            var snaps = ImagesClient.ToPage(body, new ImageListQuery { Type = ImageTypeFilter.Snapshot }, null);

            Assert.Equal("fake-image", Assert.Single(bases.Items).Name);
            Assert.Equal("smoke-1-snap", Assert.Single(snaps.Items).Name);
            Assert.Equal(bases.NextMarker, snaps.NextMarker);
        }

        [Fact]
        public void ImageFallsBackToInstanceUuidForItsServer()
        {
            var dto = Parse<ImageEnvelopeDto>(@"{""image"":{""id"":""i1"",""metadata"":{""image_type"":""SNAPSHOT"",""instance_uuid"":""s9""}}}").Image!;
            var image = WireMapper.ToImage(dto, null);
            Assert.Equal("s9", image.ServerId);
            Assert.Equal("Snapshot", image.Type);
        }

        [Fact]
        public void EmptyListAndMissingLinksMeanTheLastPage()
        {
            var page = ServersClient.ToPage(Parse<ServerListDto>(@"{""servers"":[]}"), null);
            Assert.Empty(page.Items);
            Assert.Null(page.NextMarker);
        }

        [Theory]
        [InlineData("http://other-host:9999/prefix/v2.1/servers/detail?limit=2&marker=abc", "abc")]
        [InlineData("https://nova/v2/1234/images/detail?marker=a%20b%2Fc&limit=5", "a b/c")]
        [InlineData("http://nova/v2.1/servers/detail?limit=2", null)]
        [InlineData("http://nova/v2.1/servers/detail?marker=", null)]
        public void NextMarkerTakesOnlyTheMarkerOfTheNextLink(string href, string? marker)
        {
            var links = new[] { new LinkDto { Rel = "self", Href = "http://x/?marker=wrong" }, new LinkDto { Rel = "next", Href = href } };
            Assert.Equal(marker, WireMapper.NextMarker(links));
        }

        [Fact]
        public void LinksWithoutNextHaveNoMarker()
        {
            Assert.Null(WireMapper.NextMarker(new[] { new LinkDto { Rel = "previous", Href = "http://x/?marker=m" } }));
            Assert.Null(WireMapper.NextMarker(null));
        }

        [Theory]
        [InlineData("http://127.0.0.1:9292/images/c81d53fa-ae2e-46f2-8b8b-11b237667459", "c81d53fa-ae2e-46f2-8b8b-11b237667459")]
        [InlineData("http://nova:8774/v1.1/1234/images/59185/", "59185")]
        [InlineData("https://glance/v2/images/abc?x=1", "abc")]
        public void ImageIdComesFromTheLastSegmentOfTheLocation(string location, string id)
        {
            Assert.Equal(id, WireMapper.ImageIdFromLocation(new Uri(location)));
        }

        [Fact]
        public void ScheduleMapsDayAndFrequency()
        {
            var weekly = WireMapper.ToSchedule("s1", Parse<ImageScheduleEnvelopeDto>(@"{""image_schedule"":{""day_of_week"":""SATURDAY"",""retention"":5}}").ImageSchedule!);
            var daily = WireMapper.ToSchedule("s1", Parse<ImageScheduleEnvelopeDto>(@"{""image_schedule"":{""retention"":7}}").ImageSchedule!);

            Assert.Equal(DayOfWeek.Saturday, weekly.DayOfWeek);
            Assert.Equal("Weekly", weekly.Frequency);
            Assert.Equal(5, weekly.Retention);
            Assert.Null(daily.DayOfWeek);
            Assert.Equal("Daily", daily.Frequency);
            Assert.Equal(7, daily.Retention);
            Assert.Throws<JsonException>(() => WireMapper.ToSchedule("s1", new ImageScheduleDto { Retention = 1, DayOfWeek = "FUNDAY" }));
        }

        [Fact]
        public void MetadataEntriesAreSortedByKey()
        {
            var entries = WireMapper.ToEntries("img", new System.Collections.Generic.Dictionary<string, string?> { ["b"] = "2", ["a"] = null });
            Assert.Equal(new[] { "a", "b" }, entries.Select(e => e.Key));
            Assert.Equal("", entries[0].Value);
            Assert.All(entries, e => Assert.Equal("img", e.ImageId));
        }

        [Fact]
        public void MaxImageMetaIsReadFromAbsoluteLimits()
        {
            Assert.Equal(128, ImageMetadataClient.MaxImageMetaFrom(Parse<LimitsEnvelopeDto>(@"{""limits"":{""rate"":[],""absolute"":{""maxServerMeta"":128,""maxImageMeta"":128}}}")));
            Assert.Equal(10, ImageMetadataClient.MaxImageMetaFrom(Parse<LimitsEnvelopeDto>(@"{""limits"":{""absolute"":{""maxImageMeta"":""10""}}}")));
            Assert.Null(ImageMetadataClient.MaxImageMetaFrom(Parse<LimitsEnvelopeDto>(@"{""limits"":{""absolute"":{""maxTotalCores"":20}}}")));
            Assert.Equal(int.MaxValue, ImageMetadataClient.MaxImageMetaFrom(Parse<LimitsEnvelopeDto>(@"{""limits"":{""absolute"":{""maxImageMeta"":-1}}}")));
        }
    }
}
