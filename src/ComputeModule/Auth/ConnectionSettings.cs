using System;
using System.Collections.Generic;
using System.Security;

namespace ComputeModule.Auth
{
    /// <summary>How to authenticate: what Connect-ComputeService gathered from its parameters or from the OS_* environment.</summary>
    internal sealed class ConnectionSettings
    {
        public Uri? AuthUrl { get; set; }

        /// <summary>"v2.0", "v3", or null (decided from the AuthUrl path; neither: v3 first).</summary>
        public string? IdentityVersion { get; set; }

        public string? UserName { get; set; }
        public string? UserId { get; set; }
        public SecureString? Password { get; set; }
        public SecureString? ApiKey { get; set; }

        /// <summary>A token to use as it is (with <see cref="Endpoint"/>) or to exchange for a catalog (with <see cref="AuthUrl"/>).</summary>
        public SecureString? Token { get; set; }

        /// <summary>The compute endpoint for a token-only connection.</summary>
        public Uri? Endpoint { get; set; }

        public string? ProjectName { get; set; }
        public string? ProjectId { get; set; }
        public string? UserDomainName { get; set; }
        public string? UserDomainId { get; set; }
        public string? ProjectDomainName { get; set; }
        public string? ProjectDomainId { get; set; }
        public string? Region { get; set; }

        /// <summary>Which catalog endpoint to use: "public" (default), "internal" or "admin" (OS_INTERFACE).</summary>
        public string? Interface { get; set; }

        /// <summary>Reads the variables the openstack CLI uses; null when OS_AUTH_URL and OS_TOKEN are both missing.</summary>
        public static ConnectionSettings? FromEnvironment(Func<string, string?> getEnvironmentVariable)
        {
            string? Get(string name)
            {
                var v = getEnvironmentVariable(name);
                return string.IsNullOrWhiteSpace(v) ? null : v!.Trim();
            }

            string? authUrl = Get("OS_AUTH_URL");
            string? token = Get("OS_TOKEN") ?? Get("OS_AUTH_TOKEN");
            string? endpoint = Get("OS_COMPUTE_ENDPOINT") ?? Get("OS_ENDPOINT") ?? Get("OS_URL");
            if (authUrl == null && token == null) return null;

            var settings = new ConnectionSettings
            {
                UserName = Get("OS_USERNAME"),
                UserId = Get("OS_USER_ID"),
                ProjectName = Get("OS_PROJECT_NAME") ?? Get("OS_TENANT_NAME"),
                ProjectId = Get("OS_PROJECT_ID") ?? Get("OS_TENANT_ID"),
                UserDomainName = Get("OS_USER_DOMAIN_NAME"),
                UserDomainId = Get("OS_USER_DOMAIN_ID"),
                ProjectDomainName = Get("OS_PROJECT_DOMAIN_NAME"),
                ProjectDomainId = Get("OS_PROJECT_DOMAIN_ID"),
                Region = Get("OS_REGION_NAME"),
                Interface = Get("OS_INTERFACE") ?? Get("OS_ENDPOINT_TYPE"),
            };
            // OS_DOMAIN_NAME / OS_DEFAULT_DOMAIN fill in both domains when the specific ones are missing, as in the CLI.
            string? domainName = Get("OS_DEFAULT_DOMAIN_NAME") ?? Get("OS_DOMAIN_NAME");
            string? domainId = Get("OS_DEFAULT_DOMAIN_ID") ?? Get("OS_DEFAULT_DOMAIN");
            if (settings.UserDomainName == null && settings.UserDomainId == null)
            {
                settings.UserDomainName = domainName;
                settings.UserDomainId = domainId;
            }
            if (settings.ProjectDomainName == null && settings.ProjectDomainId == null)
            {
                settings.ProjectDomainName = domainName;
                settings.ProjectDomainId = domainId;
            }

            if (authUrl != null)
            {
                if (!Uri.TryCreate(authUrl, UriKind.Absolute, out var uri))
                {
                    throw new ArgumentException($"OS_AUTH_URL '{authUrl}' is not an absolute http or https URL.");
                }
                settings.AuthUrl = uri;
            }
            if (token != null)
            {
                settings.Token = SecureStrings.FromPlain(token);
                if (endpoint != null && Uri.TryCreate(endpoint, UriKind.Absolute, out var e)) settings.Endpoint = e;
            }
            else
            {
                string? password = Get("OS_PASSWORD");
                if (password != null) settings.Password = SecureStrings.FromPlain(password);
                string? apiKey = Get("OS_API_KEY");
                if (password == null && apiKey != null) settings.ApiKey = SecureStrings.FromPlain(apiKey);
            }
            switch (Get("OS_IDENTITY_API_VERSION"))
            {
                case "2":
                case "2.0":
                case "v2.0":
                    settings.IdentityVersion = IdentityVersions.V2;
                    break;
                case "3":
                case "v3":
                    settings.IdentityVersion = IdentityVersions.V3;
                    break;
            }
            return settings;
        }

        /// <summary>Throws ArgumentException for what can be refused before any request is made.</summary>
        public void Validate()
        {
            if (Endpoint != null) CheckHttpUrl(Endpoint, "Endpoint");
            if (AuthUrl != null) CheckHttpUrl(AuthUrl, "AuthUrl");
            if (Token != null && Endpoint == null && AuthUrl == null)
            {
                throw new ArgumentException("A token needs either a compute endpoint (-Endpoint) or an identity URL to exchange it at.");
            }
            if (Token == null)
            {
                if (AuthUrl == null) throw new ArgumentException("An identity URL (-AuthUrl or OS_AUTH_URL) is required.");
                if (string.IsNullOrEmpty(UserName) && string.IsNullOrEmpty(UserId))
                {
                    throw new ArgumentException("A user name (-Credential, -UserName or OS_USERNAME) is required.");
                }
                if (Password == null && ApiKey == null)
                {
                    throw new ArgumentException("A password (-Credential or OS_PASSWORD) or an API key (-ApiKey) is required.");
                }
                // The version given, else the one the URL names (/v3): the check must see what will be used.
                if (ApiKey != null && (IdentityVersion ?? KeystoneIdentity.VersionFromPath(AuthUrl)) == IdentityVersions.V3)
                {
                    throw new ArgumentException("API key authentication (RAX-KSKEY:apiKeyCredentials) exists only in identity v2.0; give a /v2.0 AuthUrl.");
                }
            }
        }

        /// <summary>Refuses anything but an absolute http/https URL.</summary>
        public static void CheckHttpUrl(Uri url, string what)
        {
            if (url == null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"{what} '{url}' is not an absolute http or https URL.");
            }
        }

        /// <summary>The settings with secrets replaced, for messages.</summary>
        public override string ToString()
        {
            var parts = new List<string>();
            if (AuthUrl != null) parts.Add("AuthUrl=" + AuthUrl);
            if (Endpoint != null) parts.Add("Endpoint=" + Endpoint);
            if (UserName != null) parts.Add("UserName=" + UserName);
            if (ProjectName != null) parts.Add("ProjectName=" + ProjectName);
            if (ProjectId != null) parts.Add("ProjectId=" + ProjectId);
            if (Region != null) parts.Add("Region=" + Region);
            return string.Join(", ", parts);
        }
    }

    /// <summary>Identity version names as the connection shows them.</summary>
    internal static class IdentityVersions
    {
        public const string V2 = "v2.0";
        public const string V3 = "v3";
        public const string Token = "token";
    }
}
