using System;
using System.Collections.Generic;

namespace ComputeModule.Auth
{
    /// <summary>One endpoint of the service catalog.</summary>
    internal sealed record CatalogEndpoint(string Type, string? Name, string? Region, string Interface, string Url);

    /// <summary>What an authentication produced.</summary>
    internal sealed class AuthResult
    {
        public AuthResult(string token, string identityVersion)
        {
            Token = token;
            IdentityVersion = identityVersion;
        }

        /// <summary>The token (kept in memory only, never shown).</summary>
        public string Token { get; }

        public string IdentityVersion { get; }

        /// <summary>Expiry in the service's clock.</summary>
        public DateTimeOffset? Expires { get; set; }

        /// <summary>The Date header of the answer, to correct for clock skew.</summary>
        public DateTimeOffset? ServerDate { get; set; }

        public IReadOnlyList<CatalogEndpoint> Catalog { get; set; } = Array.Empty<CatalogEndpoint>();
        public string? UserName { get; set; }
        public string? UserId { get; set; }
        public string? ProjectName { get; set; }
        public string? ProjectId { get; set; }
    }
}
