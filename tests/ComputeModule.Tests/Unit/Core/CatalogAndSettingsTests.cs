using System;
using System.Collections.Generic;
using System.Text.Json;
using ComputeModule.Auth;
using ComputeModule.Errors;
using ComputeModule.Http;
using Xunit;

namespace ComputeModule.Tests.Unit.Core
{
    public class CatalogAndSettingsTests
    {
        private const string V2Catalog = "[{\"type\":\"compute\",\"name\":\"Compute\",\"endpoints\":[" +
            "{\"publicURL\":\"https://az-3.region-a.geo-1.compute.hpcloudsvc.com/v1.1/36991859863737\",\"region\":\"az-3.region-a.geo-1\",\"tenantId\":\"36991859863737\"}," +
            "{\"publicURL\":\"https://az-2.region-a.geo-1.compute.hpcloudsvc.com/v1.1/36991859863737\",\"region\":\"az-2.region-a.geo-1\"}]}," +
            "{\"type\":\"image\",\"name\":\"Image Management\",\"endpoints\":[{\"publicURL\":\"https://glance/v1.0\",\"region\":\"az-2.region-a.geo-1\"}]}]";

        [Fact]
        public void V2CatalogRegionIsChosenCaseInsensitively()
        {
            using var doc = JsonDocument.Parse(V2Catalog);
            var catalog = ServiceCatalog.ParseV2(doc.RootElement);
            Assert.Equal(new[] { "az-3.region-a.geo-1", "az-2.region-a.geo-1" }, ServiceCatalog.ComputeRegions(catalog));
            var e = ServiceCatalog.SelectCompute(catalog, "AZ-2.region-a.geo-1");
            Assert.Equal("https://az-2.region-a.geo-1.compute.hpcloudsvc.com/v1.1/36991859863737", e.Url);
        }

        [Fact]
        public void SeveralRegionsWithoutRegionIsAmbiguousAndListsThem()
        {
            using var doc = JsonDocument.Parse(V2Catalog);
            var catalog = ServiceCatalog.ParseV2(doc.RootElement);
            var ex = Assert.Throws<ComputeRegionNotFoundException>(() => ServiceCatalog.SelectCompute(catalog, null));
            Assert.Contains("az-3.region-a.geo-1", ex.Message);
            Assert.Contains("az-2.region-a.geo-1", ex.Message);
            Assert.Contains("-Region", ex.Message);
            Assert.Equal(2, ex.AvailableRegions.Length);
        }

        [Fact]
        public void UnknownRegionListsTheKnownOnes()
        {
            using var doc = JsonDocument.Parse(V2Catalog);
            var catalog = ServiceCatalog.ParseV2(doc.RootElement);
            var ex = Assert.Throws<ComputeRegionNotFoundException>(() => ServiceCatalog.SelectCompute(catalog, "Mars"));
            Assert.Contains("'Mars'", ex.Message);
            Assert.Contains("az-3.region-a.geo-1", ex.Message);
            Assert.Equal("Mars", ex.Region);
        }

        [Fact]
        public void V3CatalogUsesPublicInterfaceAndSingleRegionNeedsNoRegion()
        {
            using var doc = JsonDocument.Parse(Keystone.V3Body(DateTimeOffset.UtcNow, ("RegionOne", "http://127.0.0.1:8774/v2.1")));
            var catalog = ServiceCatalog.ParseV3(doc.RootElement.GetProperty("token").GetProperty("catalog"));
            var e = ServiceCatalog.SelectCompute(catalog, null);
            Assert.Equal("http://127.0.0.1:8774/v2.1", e.Url);
            Assert.Equal("public", e.Interface);
            Assert.Equal("RegionOne", e.Region);
        }

        [Fact]
        public void InterfaceSelectsInternalOrAdminEndpoints()
        {
            using var doc = JsonDocument.Parse("[{\"type\":\"compute\",\"endpoints\":[{\"region\":\"R\",\"publicURL\":\"http://pub/v2/1\",\"internalURL\":\"http://int/v2/1\",\"adminURL\":\"http://adm/v2/1\"}]}]");
            var catalog = ServiceCatalog.ParseV2(doc.RootElement);
            Assert.Equal("http://pub/v2/1", ServiceCatalog.SelectCompute(catalog, null).Url);
            Assert.Equal("http://int/v2/1", ServiceCatalog.SelectCompute(catalog, null, "internal").Url);
            Assert.Equal("http://adm/v2/1", ServiceCatalog.SelectCompute(catalog, "R", "adminURL").Url);
        }

        [Fact]
        public void CatalogWithoutComputeSaysSo()
        {
            var catalog = new List<CatalogEndpoint> { new CatalogEndpoint("image", null, "R", "public", "http://g") };
            var ex = Assert.Throws<ComputeRegionNotFoundException>(() => ServiceCatalog.SelectCompute(catalog, null));
            Assert.Contains("no public compute endpoint", ex.Message);
            Assert.Contains("image", ex.Message);
        }

        [Fact]
        public void EmptyCatalogSuggestsAProjectScope()
        {
            var ex = Assert.Throws<ComputeRegionNotFoundException>(() => ServiceCatalog.SelectCompute(new List<CatalogEndpoint>(), null));
            Assert.Contains("-ProjectName", ex.Message);
        }

        [Theory]
        [InlineData("http://k:5000/v3", "v3", "http://k:5000/v3/auth/tokens")]
        [InlineData("http://k:5000/v3/", "v3", "http://k:5000/v3/auth/tokens")]
        [InlineData("https://region-a.geo-1.identity.hpcloudsvc.com:35357/v2.0/", "v2.0", "https://region-a.geo-1.identity.hpcloudsvc.com:35357/v2.0/tokens")]
        [InlineData("http://k:5000", "v3", "http://k:5000/v3/auth/tokens")]
        [InlineData("http://k/identity", "v2.0", "http://k/identity/v2.0/tokens")]
        public void TokensUriFollowsTheVersion(string authUrl, string version, string expected)
            => Assert.Equal(expected, KeystoneIdentity.TokensUri(new Uri(authUrl), version).AbsoluteUri);

        [Fact]
        public void EnvironmentLikeTheOpenstackCli()
        {
            var env = new Dictionary<string, string>
            {
                ["OS_AUTH_URL"] = "http://127.0.0.1:5000/v3",
                ["OS_USERNAME"] = "admin",
                ["OS_PASSWORD"] = "secret",
                ["OS_TENANT_NAME"] = "admin",
                ["OS_USER_DOMAIN_NAME"] = "Default",
                ["OS_PROJECT_DOMAIN_NAME"] = "Default",
                ["OS_REGION_NAME"] = "RegionOne",
            };
            var s = ConnectionSettings.FromEnvironment(n => env.TryGetValue(n, out var v) ? v : null)!;
            Assert.Equal("admin", s.ProjectName);
            Assert.Equal("RegionOne", s.Region);
            Assert.Equal("secret", SecureStrings.ToPlain(s.Password!));
            Assert.Equal(new Uri("http://127.0.0.1:5000/v3"), s.AuthUrl);
            Assert.Null(s.Token);
            s.Validate();
            Assert.DoesNotContain("secret", s.ToString());
        }

        [Fact]
        public void EnvironmentPrefersProjectNameAndReadsToken()
        {
            var env = new Dictionary<string, string>
            {
                ["OS_AUTH_URL"] = "http://k/v3",
                ["OS_PROJECT_NAME"] = "p",
                ["OS_TENANT_NAME"] = "t",
                ["OS_TOKEN"] = "tok",
                ["OS_PROJECT_ID"] = "pid",
            };
            var s = ConnectionSettings.FromEnvironment(n => env.TryGetValue(n, out var v) ? v : null)!;
            Assert.Equal("p", s.ProjectName);
            Assert.Equal("pid", s.ProjectId);
            Assert.Equal("tok", SecureStrings.ToPlain(s.Token!));
            s.Validate();
        }

        [Fact]
        public void EmptyEnvironmentGivesNull()
            => Assert.Null(ConnectionSettings.FromEnvironment(_ => null));

        [Theory]
        [InlineData("ftp://k/v3")]
        [InlineData("file:///etc/passwd")]
        public void NonHttpAuthUrlIsRefused(string url)
        {
            var s = Keystone.PasswordSettings();
            s.AuthUrl = new Uri(url);
            var ex = Assert.Throws<ArgumentException>(() => s.Validate());
            Assert.Contains("http", ex.Message);
        }

        [Fact]
        public void RelativeAuthUrlIsRefused()
        {
            var s = Keystone.PasswordSettings();
            s.AuthUrl = new Uri("not-a-url", UriKind.Relative);
            Assert.Throws<ArgumentException>(() => s.Validate());
        }

        [Fact]
        public void ApiKeyWithV3IsRefused()
        {
            var s = new ConnectionSettings { AuthUrl = new Uri("http://k/v3"), UserName = "u", ApiKey = SecureStrings.FromPlain("k"), IdentityVersion = "v3" };
            Assert.Throws<ArgumentException>(() => s.Validate());
        }

        [Theory]
        [InlineData("http://n/v2.1/servers/detail?limit=2&marker=abc-1", "abc-1")]
        [InlineData("http://n/v2.1/images?marker=a%20b&limit=2", "a b")]
        [InlineData("http://n/v2.1/images?limit=2", null)]
        [InlineData("http://n/v2.1/images", null)]
        [InlineData(null, null)]
        public void MarkerFromNextHref(string? href, string? marker)
            => Assert.Equal(marker, Paging.MarkerFromHref(href));

        [Fact]
        public void ApiRequestResolvesRelativeAndAbsolutePaths()
        {
            var endpoint = new Uri("http://nova/v2.1/1234/");
            Assert.Equal("http://nova/v2.1/1234/servers/detail?limit=5", new ApiRequest(System.Net.Http.HttpMethod.Get, "servers/detail?limit=5").ResolveUri(endpoint).AbsoluteUri);
            Assert.Equal("http://nova/v2.1/1234/servers", new ApiRequest(System.Net.Http.HttpMethod.Get, "/servers").ResolveUri(endpoint).AbsoluteUri);
            Assert.Equal("http://other/v2.1/1234/servers?marker=x", new ApiRequest(System.Net.Http.HttpMethod.Get, "http://other/v2.1/1234/servers?marker=x").ResolveUri(endpoint).AbsoluteUri);
            Assert.True(new ApiRequest(System.Net.Http.HttpMethod.Delete, "x").IsIdempotent);
            Assert.False(new ApiRequest(System.Net.Http.HttpMethod.Post, "x").IsIdempotent);
            Assert.True(new ApiRequest(System.Net.Http.HttpMethod.Post, "x") { Idempotent = true }.IsIdempotent);
        }
    }
}
