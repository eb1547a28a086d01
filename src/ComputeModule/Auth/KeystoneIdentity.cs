using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Errors;
using ComputeModule.Http;
using ComputeModule.Wire;

namespace ComputeModule.Auth
{
    /// <summary>Obtains tokens for a session.</summary>
    internal interface IIdentityProvider
    {
        /// <summary>"v2.0", "v3" or "token" (known after the first authentication when the URL did not say).</summary>
        string Version { get; }

        /// <summary>The identity URL, when there is one.</summary>
        Uri? AuthUrl { get; }

        /// <summary>Whether a new token can be had without the user (false for a given token).</summary>
        bool CanRenew { get; }

        /// <summary>Authenticates once.</summary>
        Task<AuthResult> AuthenticateAsync(HttpClient http, CancellationToken ct);
    }

    /// <summary>A token given by the user with its compute endpoint: no identity service, no renewal.</summary>
    internal sealed class StaticTokenIdentity : IIdentityProvider
    {
        private readonly System.Security.SecureString _token;

        public StaticTokenIdentity(System.Security.SecureString token) => _token = token;

        public string Version => IdentityVersions.Token;
        public Uri? AuthUrl => null;
        public bool CanRenew => false;

        public Task<AuthResult> AuthenticateAsync(HttpClient http, CancellationToken ct)
            => Task.FromResult(new AuthResult(SecureStrings.ToPlain(_token), IdentityVersions.Token));
    }

    /// <summary>
    /// Keystone v2.0 (password or Rackspace API key) and v3 (password), and the exchange of a given token for a
    /// scoped token with a catalog (which cannot be renewed once it expires).
    /// </summary>
    internal sealed class KeystoneIdentity : IIdentityProvider
    {
        private readonly ConnectionSettings _settings;
        private string? _version;

        public KeystoneIdentity(ConnectionSettings settings)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            AuthUrl = settings.AuthUrl ?? throw new ArgumentException("AuthUrl is required.", nameof(settings));
            _version = settings.IdentityVersion ?? VersionFromPath(AuthUrl) ?? (settings.ApiKey != null ? IdentityVersions.V2 : null);
        }

        public string Version => _version ?? IdentityVersions.V3;
        public Uri? AuthUrl { get; }
        public bool CanRenew => _settings.Password != null || _settings.ApiKey != null;

        /// <summary>"v2.0" or "v3" when the URL's last segment says so.</summary>
        public static string? VersionFromPath(Uri url)
        {
            string path = url.AbsolutePath.TrimEnd('/');
            if (path.EndsWith("/v2.0", StringComparison.OrdinalIgnoreCase)) return IdentityVersions.V2;
            if (path.EndsWith("/v3", StringComparison.OrdinalIgnoreCase)) return IdentityVersions.V3;
            return null;
        }

        /// <summary>The tokens URL for a version: <c>{v2.0}/tokens</c> or <c>{v3}/auth/tokens</c>; a versionless URL gets the version appended.</summary>
        public static Uri TokensUri(Uri authUrl, string version)
        {
            var baseUri = new Uri(authUrl.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? authUrl.AbsoluteUri : authUrl.AbsoluteUri + "/");
            string? pathVersion = VersionFromPath(authUrl);
            if (pathVersion == null) baseUri = new Uri(baseUri, version + "/");
            else if (pathVersion != version) throw new ArgumentException($"The identity URL {authUrl} is a {pathVersion} URL, not {version}.");
            return new Uri(baseUri, version == IdentityVersions.V3 ? "auth/tokens" : "tokens");
        }

        public async Task<AuthResult> AuthenticateAsync(HttpClient http, CancellationToken ct)
        {
            if (_version != null) return await AuthenticateAsync(http, _version, ct).ConfigureAwait(false);
            // The URL names no version: v3 first (what keystone has had since Queens), v2.0 if there is no v3.
            try
            {
                var result = await AuthenticateAsync(http, IdentityVersions.V3, ct).ConfigureAwait(false);
                _version = IdentityVersions.V3;
                return result;
            }
            catch (ComputeNotFoundException)
            {
                CmdletMessages.Verbose($"No identity v3 at {AuthUrl}; trying v2.0.");
                var result = await AuthenticateAsync(http, IdentityVersions.V2, ct).ConfigureAwait(false);
                _version = IdentityVersions.V2;
                return result;
            }
        }

        private async Task<AuthResult> AuthenticateAsync(HttpClient http, string version, CancellationToken ct)
        {
            var uri = TokensUri(AuthUrl!, version);
            object body = version == IdentityVersions.V3 ? BuildV3Body() : BuildV2Body();
            using var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, ComputeJson.Options)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            // Asking for a token twice is harmless, so identity POSTs may be retried like GETs.
            RequestOptions.SetIdempotent(request, true);

            var (response, bytes) = await Transport.SendAsync(http, request, ct).ConfigureAwait(false);
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    var e = FaultParser.ToException(response.StatusCode, response.ReasonPhrase, bytes, response.Headers, uri, "POST");
                    if (e is ComputeUnauthorizedException)
                    {
                        throw new ComputeUnauthorizedException(
                            $"The identity service at {uri} refused the credentials: {e.Message}", e.FaultCode, e.FaultMessage, e.RequestId, uri);
                    }
                    throw e;
                }
                using var doc = ParseJson(bytes, uri);
                var result = version == IdentityVersions.V3
                    ? ReadV3(doc.RootElement, response.Headers, uri)
                    : ReadV2(doc.RootElement, uri);
                result.ServerDate = response.Headers.Date;
                return result;
            }
        }

        private object BuildV2Body()
        {
            var auth = new Dictionary<string, object>();
            if (_settings.Token != null && !CanRenew)
            {
                auth["token"] = new Dictionary<string, object> { ["id"] = SecureStrings.ToPlain(_settings.Token) };
            }
            else if (_settings.Password != null)
            {
                auth["passwordCredentials"] = new Dictionary<string, object>
                {
                    ["username"] = _settings.UserName ?? string.Empty,
                    ["password"] = SecureStrings.ToPlain(_settings.Password),
                };
            }
            else
            {
                auth["RAX-KSKEY:apiKeyCredentials"] = new Dictionary<string, object>
                {
                    ["username"] = _settings.UserName ?? string.Empty,
                    ["apiKey"] = SecureStrings.ToPlain(_settings.ApiKey!),
                };
            }
            if (!string.IsNullOrEmpty(_settings.ProjectId)) auth["tenantId"] = _settings.ProjectId!;
            else if (!string.IsNullOrEmpty(_settings.ProjectName)) auth["tenantName"] = _settings.ProjectName!;
            return new Dictionary<string, object> { ["auth"] = auth };
        }

        private object BuildV3Body()
        {
            var identity = new Dictionary<string, object>();
            if (_settings.Token != null && !CanRenew)
            {
                identity["methods"] = new[] { "token" };
                identity["token"] = new Dictionary<string, object> { ["id"] = SecureStrings.ToPlain(_settings.Token) };
            }
            else
            {
                var user = new Dictionary<string, object> { ["password"] = SecureStrings.ToPlain(_settings.Password!) };
                if (!string.IsNullOrEmpty(_settings.UserId))
                {
                    user["id"] = _settings.UserId!;
                }
                else
                {
                    user["name"] = _settings.UserName ?? string.Empty;
                    user["domain"] = Domain(_settings.UserDomainId, _settings.UserDomainName);
                }
                identity["methods"] = new[] { "password" };
                identity["password"] = new Dictionary<string, object> { ["user"] = user };
            }
            var auth = new Dictionary<string, object> { ["identity"] = identity };
            if (!string.IsNullOrEmpty(_settings.ProjectId))
            {
                auth["scope"] = new Dictionary<string, object> { ["project"] = new Dictionary<string, object> { ["id"] = _settings.ProjectId! } };
            }
            else if (!string.IsNullOrEmpty(_settings.ProjectName))
            {
                auth["scope"] = new Dictionary<string, object>
                {
                    ["project"] = new Dictionary<string, object>
                    {
                        ["name"] = _settings.ProjectName!,
                        ["domain"] = Domain(_settings.ProjectDomainId, _settings.ProjectDomainName),
                    },
                };
            }
            return new Dictionary<string, object> { ["auth"] = auth };
        }

        // A name needs its domain in v3; without one we use keystone's "Default", as most clouds do.
        private static Dictionary<string, object> Domain(string? id, string? name)
            => !string.IsNullOrEmpty(id)
                ? new Dictionary<string, object> { ["id"] = id! }
                : new Dictionary<string, object> { ["name"] = string.IsNullOrEmpty(name) ? "Default" : name! };

        private static JsonDocument ParseJson(byte[] bytes, Uri uri)
        {
            try
            {
                return JsonDocument.Parse(bytes);
            }
            catch (JsonException e)
            {
                throw new ComputeApiException($"The identity service at {uri} answered with a body that is not JSON.", HttpStatusCode.OK, requestUri: uri, innerException: e);
            }
        }

        internal static AuthResult ReadV2(JsonElement root, Uri uri)
        {
            if (!root.TryGetProperty("access", out var access) || !access.TryGetProperty("token", out var token))
            {
                throw new ComputeApiException($"The identity service at {uri} answered without access.token.", HttpStatusCode.OK, requestUri: uri);
            }
            string id = ServiceCatalog.Str(token, "id") ?? throw new ComputeApiException($"The identity service at {uri} answered without a token id.", HttpStatusCode.OK, requestUri: uri);
            var result = new AuthResult(id, IdentityVersions.V2) { Expires = Date(ServiceCatalog.Str(token, "expires")) };
            if (token.TryGetProperty("tenant", out var tenant))
            {
                result.ProjectId = ServiceCatalog.Str(tenant, "id");
                result.ProjectName = ServiceCatalog.Str(tenant, "name");
            }
            if (access.TryGetProperty("user", out var user))
            {
                result.UserName = ServiceCatalog.Str(user, "name") ?? ServiceCatalog.Str(user, "username");
                result.UserId = ServiceCatalog.Str(user, "id");
            }
            if (access.TryGetProperty("serviceCatalog", out var catalog)) result.Catalog = ServiceCatalog.ParseV2(catalog);
            return result;
        }

        internal static AuthResult ReadV3(JsonElement root, HttpResponseHeaders headers, Uri uri)
        {
            string? id = null;
            if (headers.TryGetValues("X-Subject-Token", out var values))
            {
                foreach (var v in values) id = v;
            }
            if (string.IsNullOrEmpty(id)) throw new ComputeApiException($"The identity service at {uri} answered without an X-Subject-Token header.", HttpStatusCode.Created, requestUri: uri);
            if (!root.TryGetProperty("token", out var token))
            {
                throw new ComputeApiException($"The identity service at {uri} answered without a token body.", HttpStatusCode.Created, requestUri: uri);
            }
            var result = new AuthResult(id!, IdentityVersions.V3) { Expires = Date(ServiceCatalog.Str(token, "expires_at")) };
            if (token.TryGetProperty("project", out var project))
            {
                result.ProjectId = ServiceCatalog.Str(project, "id");
                result.ProjectName = ServiceCatalog.Str(project, "name");
            }
            if (token.TryGetProperty("user", out var user))
            {
                result.UserName = ServiceCatalog.Str(user, "name");
                result.UserId = ServiceCatalog.Str(user, "id");
            }
            if (token.TryGetProperty("catalog", out var catalog)) result.Catalog = ServiceCatalog.ParseV3(catalog);
            return result;
        }

        // Keystone's expiry in UTC (a missing zone means UTC), read as the wire DTOs read timestamps.
        private static DateTimeOffset? Date(string? text) => LenientJson.ParseDate(text)?.ToUniversalTime();
    }
}
