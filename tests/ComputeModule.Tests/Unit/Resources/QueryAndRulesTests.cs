using System;
using System.Collections;
using System.Collections.Generic;
using ComputeModule.Clients;
using Xunit;

namespace ComputeModule.Tests.Unit.Resources
{
    public class QueryAndRulesTests
    {
        [Fact]
        public void ServerQueryWithoutFiltersIsTheBareRoute()
        {
            Assert.Equal("servers/detail", new ServerListQuery().ToPath(null));
        }

        [Fact]
        public void ServerQueryEscapesAndOrdersItsParameters()
        {
            var q = new ServerListQuery
            {
                Name = "web 01&x",
                Status = "active",
                Image = "img-1",
                Flavor = "100",
                ChangesSince = new DateTime(2011, 1, 24, 17, 8, 0, DateTimeKind.Utc),
                Limit = 50,
            };
            Assert.Equal("servers/detail?name=web%2001%26x&status=ACTIVE&image=img-1&flavor=100&changes-since=2011-01-24T17%3A08%3A00Z&limit=50&marker=m%2F1",
                q.ToPath("m/1"));
        }

        [Fact]
        public void ChangesSinceIsSentInUtc()
        {
            var local = new DateTimeOffset(2020, 5, 1, 12, 0, 0, TimeSpan.FromHours(2));
            Assert.Equal("2020-05-01T10:00:00Z", QueryString.FormatTimestamp(local.UtcDateTime));
            var localKind = DateTime.SpecifyKind(new DateTime(2020, 5, 1, 12, 0, 0), DateTimeKind.Local);
            Assert.Equal(localKind.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), QueryString.FormatTimestamp(localKind));
        }

        [Fact]
        public void ImageQuerySendsSnapshotTypeButNotBase()
        {
            Assert.Equal("images/detail?type=snapshot&limit=2", new ImageListQuery { Type = ImageTypeFilter.Snapshot, Limit = 2 }.ToPath(null));
            Assert.Equal("images/detail?server=s1&marker=abc", new ImageListQuery { Type = ImageTypeFilter.Base, Server = "s1" }.ToPath("abc"));
            Assert.Equal("images/detail?name=nightly&status=SAVING", new ImageListQuery { Name = "nightly", Status = "saving" }.ToPath(null));
        }

        [Fact]
        public void RoutesEscapeIdsAndKeys()
        {
            Assert.Equal("servers/294393", ServersClient.ServerPath("294393"));
            Assert.Equal("servers/a%2Fb/action", ServersClient.ActionPath("a/b"));
            Assert.Equal("images/i1/metadata/os%20distro", ImageMetadataClient.ItemPath("i1", "os distro"));
            Assert.Equal("servers/s1/rax-si-image-schedule", ImageSchedulesClient.SchedulePath("s1"));
        }

        private static Dictionary<string, string> Normalize(IDictionary d) => MetadataRules.Normalize(d, v => v);

        [Fact]
        public void MetadataOfStringsAndScalarsIsAccepted()
        {
            var result = Normalize(new Hashtable { ["purpose"] = "nightly", ["retention"] = 7, ["ratio"] = 1.5, ["on"] = true, ["empty"] = "" });
            Assert.Equal("nightly", result["purpose"]);
            Assert.Equal("7", result["retention"]);
            Assert.Equal("1.5", result["ratio"]);
            Assert.Equal("true", result["on"]);
            Assert.Equal("", result["empty"]);
        }

        [Fact]
        public void MetadataBoundariesAre255Characters()
        {
            Normalize(new Hashtable { [new string('k', 255)] = new string('v', 255) });
            var longKey = Assert.Throws<InvalidMetadataException>(() => Normalize(new Hashtable { [new string('k', 256)] = "v" }));
            Assert.Contains("256", longKey.Message);
            var longValue = Assert.Throws<InvalidMetadataException>(() => Normalize(new Hashtable { ["k"] = new string('v', 256) }));
            Assert.Equal("k", longValue.Key);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        public void EmptyKeysAreRefused(string key)
        {
            Assert.Throws<InvalidMetadataException>(() => Normalize(new Hashtable { [key] = "v" }));
        }

        [Fact]
        public void NullNonStringKeysAndCollectionValuesAreRefused()
        {
            Assert.Throws<InvalidMetadataException>(() => Normalize(new Hashtable { ["k"] = null }));
            Assert.Throws<InvalidMetadataException>(() => Normalize(new Hashtable { [42] = "v" }));
            Assert.Throws<InvalidMetadataException>(() => Normalize(new Hashtable { ["k"] = new[] { "a", "b" } }));
            Assert.Throws<InvalidMetadataException>(() => Normalize(new Hashtable { ["k"] = new Hashtable() }));
        }

        [Fact]
        public void TheUnwrapFunctionIsAppliedToKeysAndValues()
        {
            var result = MetadataRules.Normalize(new Hashtable { ["k"] = "wrapped" }, v => v is string s && s == "wrapped" ? "plain" : v);
            Assert.Equal("plain", result["k"]);
        }

        [Fact]
        public void MergedCountIsTheUnionOfKeys()
        {
            Assert.Equal(4, MetadataRules.MergedCount(new[] { "a", "b", "c" }, new[] { "c", "d" }));
            Assert.Equal(2, MetadataRules.MergedCount(Array.Empty<string>(), new[] { "x", "y" }));
        }

        [Fact]
        public void CountAboveTheLimitIsRefused()
        {
            MetadataRules.CheckCount("img", 128, 128, replace: true);
            var e = Assert.Throws<MetadataLimitExceededException>(() => MetadataRules.CheckCount("img", 129, 128, replace: false));
            Assert.Equal(129, e.Count);
            Assert.Equal(128, e.Limit);
            Assert.Contains("img", e.Message);
        }
    }
}
