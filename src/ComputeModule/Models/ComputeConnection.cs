using System;
using System.Linq;
using ComputeModule.Http;

namespace ComputeModule.Models
{
    /// <summary>A connection to a compute service: what Connect-ComputeService returns and every cmdlet's -Connection takes.</summary>
    public sealed class ComputeConnection
    {
        internal ComputeConnection(ComputeSession session)
        {
            Session = session ?? throw new ArgumentNullException(nameof(session));
            AuthUrl = session.AuthUrl;
            IdentityVersion = session.IdentityVersion;
            UserName = session.UserName;
            ProjectName = session.ProjectName;
            ProjectId = session.ProjectId;
            Region = session.Region;
            Regions = session.Regions.ToArray();
            ComputeEndpoint = session.ComputeEndpoint;
        }

        /// <summary>The identity service URL (null for a token-only connection).</summary>
        public Uri? AuthUrl { get; }

        /// <summary>"v2.0", "v3" or "token".</summary>
        public string IdentityVersion { get; }

        /// <summary>The user the token belongs to.</summary>
        public string? UserName { get; }

        /// <summary>The project (tenant) name.</summary>
        public string? ProjectName { get; }

        /// <summary>The project (tenant) id.</summary>
        public string? ProjectId { get; }

        /// <summary>The region whose compute endpoint is used.</summary>
        public string? Region { get; }

        /// <summary>All regions the catalog offers compute in.</summary>
        public string[] Regions { get; }

        /// <summary>The compute endpoint (ends with '/').</summary>
        public Uri ComputeEndpoint { get; }

        /// <summary>When the current token expires (it is renewed automatically when credentials allow).</summary>
        public DateTimeOffset? TokenExpires => Session.TokenExpires;

        /// <summary>Whether Disconnect-ComputeService has closed this connection.</summary>
        public bool IsClosed => Session.IsDisposed;

        internal ComputeSession Session { get; }

        /// <summary>user@endpoint (region); never a secret.</summary>
        public override string ToString()
        {
            string who = string.IsNullOrEmpty(UserName) ? string.Empty : UserName + "@";
            string region = string.IsNullOrEmpty(Region) ? string.Empty : " (" + Region + ")";
            return who + ComputeEndpoint + region;
        }
    }
}
