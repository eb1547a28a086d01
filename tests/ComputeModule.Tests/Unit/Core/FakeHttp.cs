using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Auth;
using ComputeModule.Http;

namespace ComputeModule.Tests.Unit.Core
{
    /// <summary>A recorded request.</summary>
    public sealed record Recorded(string Method, Uri Uri, Dictionary<string, string> Headers, string? Body);

    /// <summary>An in-test primary handler: answers with a function, records every request.</summary>
    public sealed class FakeHttp : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, Recorded, int, CancellationToken, Task<HttpResponseMessage>> _answer;
        public ConcurrentQueue<Recorded> Requests { get; } = new ConcurrentQueue<Recorded>();
        private int _count;

        public FakeHttp(Func<HttpRequestMessage, Recorded, int, CancellationToken, Task<HttpResponseMessage>> answer) => _answer = answer;

        public FakeHttp(Func<HttpRequestMessage, Recorded, int, Task<HttpResponseMessage>> answer) : this((q, r, n, ct) => answer(q, r, n)) { }

        public FakeHttp(Func<Recorded, int, HttpResponseMessage> answer) : this((_, r, n, ct) => Task.FromResult(answer(r, n))) { }

        public List<Recorded> All => Requests.ToList();

        /// <summary>Requests to the compute API only (identity ones left out).</summary>
        public List<Recorded> Compute => Requests.Where(r => !r.Uri.AbsolutePath.Contains("/tokens")).ToList();

        /// <summary>Token requests only.</summary>
        public List<Recorded> Identity => Requests.Where(r => r.Uri.AbsolutePath.Contains("/tokens")).ToList();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in request.Headers) headers[h.Key] = string.Join(",", h.Value);
            string? body = null;
            if (request.Content != null)
            {
                foreach (var h in request.Content.Headers) headers[h.Key] = string.Join(",", h.Value);
                body = await request.Content.ReadAsStringAsync(cancellationToken);
            }
            var recorded = new Recorded(request.Method.Method, request.RequestUri!, headers, body);
            Requests.Enqueue(recorded);
            int n = Interlocked.Increment(ref _count);
            var response = await _answer(request, recorded, n, cancellationToken);
            response.RequestMessage ??= request;
            return response;
        }

        // Never dispose: IHttpClientFactory may dispose expired handler chains; tests keep using this one.
        protected override void Dispose(bool disposing) { }

        public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
            return response;
        }

        public static HttpResponseMessage Empty(HttpStatusCode status, params (string Name, string Value)[] headers)
        {
            var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(Array.Empty<byte>()) };
            foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
            return response;
        }
    }

    /// <summary>Canned keystone answers and session construction for tests.</summary>
    internal static class Keystone
    {
        public const string AuthUrl = "http://id.test:5000/v3";
        public const string ComputeUrl = "http://nova.test:8774/v2.1/1234";

        public static string V3Body(DateTimeOffset expires, params (string Region, string Url)[] compute)
        {
            if (compute.Length == 0) compute = new[] { ("RegionOne", ComputeUrl) };
            var endpoints = string.Join(",", compute.Select(c =>
                $"{{\"interface\":\"public\",\"region\":\"{c.Region}\",\"region_id\":\"{c.Region}\",\"url\":\"{c.Url}\"}}," +
                $"{{\"interface\":\"internal\",\"region\":\"{c.Region}\",\"region_id\":\"{c.Region}\",\"url\":\"http://internal.test/{c.Region}\"}}"));
            return "{\"token\":{\"expires_at\":\"" + expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ") + "\"," +
                   "\"project\":{\"id\":\"1234\",\"name\":\"demo\",\"domain\":{\"id\":\"default\",\"name\":\"Default\"}}," +
                   "\"user\":{\"id\":\"u1\",\"name\":\"demo\"}," +
                   "\"catalog\":[{\"type\":\"identity\",\"name\":\"keystone\",\"endpoints\":[{\"interface\":\"public\",\"region\":\"RegionOne\",\"url\":\"http://id.test:5000/v3\"}]}," +
                   "{\"type\":\"compute\",\"name\":\"nova\",\"endpoints\":[" + endpoints + "]}]}}";
        }

        public static HttpResponseMessage V3Token(string token, DateTimeOffset expires, params (string Region, string Url)[] compute)
            => FakeHttp.Json(HttpStatusCode.Created, V3Body(expires, compute), ("X-Subject-Token", token));

        public static ConnectionSettings PasswordSettings(string authUrl = AuthUrl, string? region = null) => new ConnectionSettings
        {
            AuthUrl = new Uri(authUrl),
            UserName = "demo",
            Password = SecureStrings.FromPlain("demo-password"),
            ProjectName = "demo",
            Region = region,
        };

        /// <summary>Options that never sleep: delays are recorded instead.</summary>
        public static SessionOptions Options(FakeHttp http, List<TimeSpan>? delays = null, Func<DateTimeOffset>? clock = null)
        {
            var options = new SessionOptions
            {
                PrimaryHandler = () => http,
                Jitter = () => 0,
                Delay = (d, ct) =>
                {
                    lock (delays ?? new List<TimeSpan>()) delays?.Add(d);
                    ct.ThrowIfCancellationRequested();
                    return Task.CompletedTask;
                },
            };
            if (clock != null) options.UtcNow = clock;
            return options;
        }

        /// <summary>A v3 keystone + compute fake: "/auth/tokens" issues tok-1, tok-2, ...; everything else goes to <paramref name="compute"/>.</summary>
        public static FakeHttp Cloud(Func<Recorded, int, HttpResponseMessage> compute, DateTimeOffset? expires = null)
        {
            int tokens = 0;
            int computeCalls = 0;
            return new FakeHttp((r, n) =>
            {
                if (r.Uri.AbsolutePath.EndsWith("/auth/tokens"))
                {
                    int t = Interlocked.Increment(ref tokens);
                    return V3Token("tok-" + t, expires ?? DateTimeOffset.UtcNow.AddHours(1));
                }
                return compute(r, Interlocked.Increment(ref computeCalls));
            });
        }

        public static Task<ComputeSession> ConnectAsync(FakeHttp http, List<TimeSpan>? delays = null, Func<DateTimeOffset>? clock = null, ConnectionSettings? settings = null)
            => ComputeSession.ConnectAsync(settings ?? PasswordSettings(), Options(http, delays, clock), CancellationToken.None);
    }
}
