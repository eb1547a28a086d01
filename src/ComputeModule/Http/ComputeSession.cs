using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Auth;
using ComputeModule.Errors;
using Microsoft.Extensions.DependencyInjection;

namespace ComputeModule.Http
{
    /// <summary>
    /// One per connection: owns a ServiceProvider with an IHttpClientFactory whose clients run
    /// Retry -> Auth (compute only) -> Tracing -> Timeout -> the network, and the token of the connection.
    /// </summary>
    internal sealed class ComputeSession : IDisposable
    {
        internal const string ComputeClientName = "ComputeModule.Compute";
        internal const string IdentityClientName = "ComputeModule.Identity";

        private readonly ServiceProvider _services;
        private readonly IHttpClientFactory _factory;
        private Uri? _computeEndpoint;
        private int _disposed;

        private ComputeSession(IIdentityProvider identity, SessionOptions options)
        {
            Options = options;
            Tokens = new TokenManager(identity, () => _factory!.CreateClient(IdentityClientName), options);

            var services = new ServiceCollection();
            Configure(services.AddHttpClient(IdentityClientName), options, null);
            Configure(services.AddHttpClient(ComputeClientName), options, Tokens);
            _services = services.BuildServiceProvider();
            _factory = _services.GetRequiredService<IHttpClientFactory>();
        }

        private static void Configure(IHttpClientBuilder builder, SessionOptions options, TokenManager? tokens)
        {
            builder.ConfigureHttpClient(c =>
            {
                // Our TimeoutHandler times each attempt; HttpClient's timeout would also count the retry waits.
                c.Timeout = Timeout.InfiniteTimeSpan;
                c.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
            });
            builder.ConfigurePrimaryHttpMessageHandler(() => options.PrimaryHandler?.Invoke() ?? CreatePrimaryHandler());
            builder.AddHttpMessageHandler(() => new RetryHandler(options));
            if (tokens != null) builder.AddHttpMessageHandler(() => new AuthHandler(tokens));
            builder.AddHttpMessageHandler(() => new TracingHandler());
            builder.AddHttpMessageHandler(() => new TimeoutHandler(options));
        }

        private static HttpMessageHandler CreatePrimaryHandler()
        {
            if (DependencyResolver.IsNetFramework
                && ServicePointManager.SecurityProtocol != 0 /* SystemDefault */
                && (ServicePointManager.SecurityProtocol & SecurityProtocolType.Tls12) == 0)
            {
                // Windows PowerShell 5.1 on older .NET Framework setups offers only TLS 1.0/1.1, which clouds refuse.
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
            }
            return new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate };
        }

        /// <summary>Authenticates and picks the compute endpoint; the session is ready to use when this returns.</summary>
        public static async Task<ComputeSession> ConnectAsync(ConnectionSettings settings, SessionOptions? options, CancellationToken ct)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            settings.Validate();
            options ??= new SessionOptions();

            IIdentityProvider identity = settings.Token != null && settings.Endpoint != null
                ? new StaticTokenIdentity(settings.Token)
                : new KeystoneIdentity(settings);
            var session = new ComputeSession(identity, options);
            try
            {
                var result = await session.Tokens.AuthenticateAsync(ct).ConfigureAwait(false);
                session.UserName = result.UserName ?? settings.UserName;
                session.ProjectName = result.ProjectName ?? settings.ProjectName;
                session.ProjectId = result.ProjectId ?? settings.ProjectId;
                if (identity is StaticTokenIdentity)
                {
                    session.Region = settings.Region;
                    session.Regions = string.IsNullOrEmpty(settings.Region) ? Array.Empty<string>() : new[] { settings.Region! };
                    session.SetEndpoint(settings.Endpoint!);
                }
                else
                {
                    var endpoint = ServiceCatalog.SelectCompute(result.Catalog, settings.Region, settings.Interface);
                    session.Regions = ServiceCatalog.ComputeRegions(result.Catalog, settings.Interface);
                    session.Region = string.IsNullOrEmpty(endpoint.Region) ? settings.Region : endpoint.Region;
                    session.SetEndpoint(new Uri(endpoint.Url, UriKind.Absolute));
                }
                return session;
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }

        /// <summary>The compute endpoint as the catalog gave it, always ending with '/'.</summary>
        public Uri ComputeEndpoint => _computeEndpoint ?? throw new InvalidOperationException("The session is not connected.");

        /// <summary>The session's tunables.</summary>
        public SessionOptions Options { get; }

        /// <summary>The token holder.</summary>
        public TokenManager Tokens { get; }

        public string IdentityVersion => Tokens.Identity.Version;
        public Uri? AuthUrl => Tokens.Identity.AuthUrl;
        public string? UserName { get; private set; }
        public string? ProjectName { get; private set; }
        public string? ProjectId { get; private set; }
        public string? Region { get; private set; }
        public IReadOnlyList<string> Regions { get; private set; } = Array.Empty<string>();
        public DateTimeOffset? TokenExpires => Tokens.Expires;
        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        private void SetEndpoint(Uri endpoint)
        {
            ConnectionSettings.CheckHttpUrl(endpoint, "The compute endpoint");
            string text = endpoint.AbsoluteUri;
            _computeEndpoint = new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/", UriKind.Absolute);
        }

        /// <summary>Sends one request; throws a ComputeApiException subclass unless the answer is 2xx.</summary>
        public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken ct)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (IsDisposed) throw new ComputeNotConnectedException("This connection was closed by Disconnect-ComputeService. Run Connect-ComputeService again.");

            var uri = request.ResolveUri(ComputeEndpoint);
            using var message = new HttpRequestMessage(request.Method, uri);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (request.Body != null)
            {
                message.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request.Body, request.Body.GetType(), ComputeJson.Options));
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            if (!string.IsNullOrEmpty(request.MicroVersion))
            {
                // The legacy header for Nova up to Newton and the generic one after; Nova reads either.
                message.Headers.TryAddWithoutValidation("X-OpenStack-Nova-API-Version", request.MicroVersion);
                message.Headers.TryAddWithoutValidation("OpenStack-API-Version", "compute " + request.MicroVersion);
            }
            RequestOptions.SetIdempotent(message, request.IsIdempotent);
            RequestOptions.SetPage(message, request.Page);

            var client = _factory.CreateClient(ComputeClientName);
            var (response, body) = await Transport.SendAsync(client, message, ct).ConfigureAwait(false);
            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return new ApiResponse(response.StatusCode, response.Headers, body, response.RequestMessage?.RequestUri ?? uri);
                }
                var error = FaultParser.ToException(response.StatusCode, response.ReasonPhrase, body, response.Headers, uri, request.Method.Method);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    string why = Tokens.CanRenew
                        ? "The service rejected a freshly renewed token"
                        : "The service rejected the token and this connection cannot renew it (it was made from a token, not credentials); run Connect-ComputeService again";
                    throw new ComputeUnauthorizedException(why + ": " + error.Message, error.FaultCode, error.FaultMessage, error.RequestId, uri);
                }
                throw error;
            }
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _services.Dispose();
            Tokens.Dispose();
        }
    }
}
