using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace ComputeBench
{
    /// <summary>
    /// The baseline: what a competent script author writes with HttpClient and System.Text.Json alone.
    /// One Keystone v3 login, then the pages of /servers/detail followed by their next links.
    /// </summary>
    internal sealed class PlainClient : IDisposable
    {
        private readonly HttpClient _http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };

        public string? Token { get; private set; }
        public string? ComputeUrl { get; private set; }

        public async Task LoginAsync(string authUrl, string user, string password, string project, string region,
            string userDomain = "Default", string projectDomain = "Default")
        {
            var body = new
            {
                auth = new
                {
                    identity = new { methods = new[] { "password" }, password = new { user = new { name = user, password, domain = new { name = userDomain } } } },
                    scope = new { project = new { name = project, domain = new { name = projectDomain } } },
                },
            };
            using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(authUrl.TrimEnd('/') + "/auth/tokens", content);
            response.EnsureSuccessStatusCode();
            Token = response.Headers.GetValues("X-Subject-Token").First();
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            foreach (var service in doc.RootElement.GetProperty("token").GetProperty("catalog").EnumerateArray())
            {
                if (service.GetProperty("type").GetString() != "compute") continue;
                foreach (var ep in service.GetProperty("endpoints").EnumerateArray())
                {
                    var epRegion = ep.TryGetProperty("region_id", out var r) ? r.GetString() : ep.GetProperty("region").GetString();
                    if (ep.GetProperty("interface").GetString() == "public" && epRegion == region)
                        ComputeUrl = ep.GetProperty("url").GetString()!.TrimEnd('/') + "/";
                }
            }
            if (ComputeUrl == null) throw new InvalidOperationException($"no public compute endpoint in region {region}");
        }

        /// <summary>Fetches every page; returns the number of servers and pages.</summary>
        public async Task<(long Items, int Pages)> ListAllAsync(int pageSize)
        {
            long items = 0;
            var pages = 0;
            string? url = $"{ComputeUrl}servers/detail?limit={pageSize}";
            while (url != null)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Add("X-Auth-Token", Token);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var stream = await response.Content.ReadAsStreamAsync();
                var page = await JsonSerializer.DeserializeAsync<ServerPage>(stream) ?? throw new InvalidOperationException("empty page");
                pages++;
                items += page.Servers.Count;
                url = page.Links?.FirstOrDefault(l => l.Rel == "next")?.Href;
                if (page.Servers.Count == 0) break;
            }
            return (items, pages);
        }

        /// <summary>One GET, timed from send to the last deserialised server; also returns the server's own header.</summary>
        public async Task<(double ClientMs, double? ServerMs, int Count)> TimePageAsync(string relative)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            using var request = new HttpRequestMessage(HttpMethod.Get, ComputeUrl + relative);
            request.Headers.Add("X-Auth-Token", Token);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync();
            var page = await JsonSerializer.DeserializeAsync<ServerPage>(stream);
            sw.Stop();
            double? serverMs = response.Headers.TryGetValues("X-Emulator-Elapsed-Ms", out var v)
                ? double.Parse(v.First(), System.Globalization.CultureInfo.InvariantCulture) : null;
            return (sw.Elapsed.TotalMilliseconds, serverMs, page?.Servers.Count ?? 0);
        }

        /// <summary>One authenticated GET of a compute URL (relative to the endpoint, or absolute), parsed as a document.</summary>
        public async Task<JsonDocument> GetDocumentAsync(string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url.StartsWith("http", StringComparison.Ordinal) ? url : ComputeUrl + url);
            request.Headers.Add("X-Auth-Token", Token);
            using var response = await _http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        }

        public void Dispose() => _http.Dispose();
    }

    internal sealed class ServerPage
    {
        [JsonPropertyName("servers")] public List<ServerDto> Servers { get; set; } = new();
        [JsonPropertyName("servers_links")] public List<LinkDto>? Links { get; set; }
    }

    internal sealed class LinkDto
    {
        [JsonPropertyName("rel")] public string? Rel { get; set; }
        [JsonPropertyName("href")] public string? Href { get; set; }
    }

    /// <summary>The fields a listing script reads; the rest of each server is skipped by the deserialiser.</summary>
    internal sealed class ServerDto
    {
        [JsonPropertyName("id")] public JsonElement Id { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("tenant_id")] public string? TenantId { get; set; }
        [JsonPropertyName("user_id")] public string? UserId { get; set; }
        [JsonPropertyName("hostId")] public string? HostId { get; set; }
        [JsonPropertyName("created")] public DateTimeOffset? Created { get; set; }
        [JsonPropertyName("updated")] public DateTimeOffset? Updated { get; set; }
        [JsonPropertyName("metadata")] public Dictionary<string, string>? Metadata { get; set; }
        [JsonPropertyName("addresses")] public Dictionary<string, List<AddressDto>>? Addresses { get; set; }
        [JsonPropertyName("image")] public JsonElement Image { get; set; }
        [JsonPropertyName("flavor")] public JsonElement Flavor { get; set; }
    }

    internal sealed class AddressDto
    {
        [JsonPropertyName("addr")] public string? Addr { get; set; }
        [JsonPropertyName("version")] public int Version { get; set; }
    }
}
