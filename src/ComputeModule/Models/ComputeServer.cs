using System;
using System.Collections.Generic;

namespace ComputeModule.Models
{
    /// <summary>A server (virtual machine) as Get-ComputeServer returns it.</summary>
    public sealed class ComputeServer
    {
        internal ComputeServer(string id, string uuid, string? name, string? status, int? progress, string? tenantId,
            string? userId, string? imageId, string? flavorId, string? hostId, string? accessIPv4, string? accessIPv6,
            DateTimeOffset? created, DateTimeOffset? updated, IReadOnlyDictionary<string, string[]> addresses,
            IReadOnlyDictionary<string, string> metadata, string? region)
        {
            Id = id;
            Uuid = uuid;
            Name = name;
            Status = status;
            Progress = progress;
            TenantId = tenantId;
            UserId = userId;
            ImageId = imageId;
            FlavorId = flavorId;
            HostId = hostId;
            AccessIPv4 = accessIPv4;
            AccessIPv6 = accessIPv6;
            Created = created;
            Updated = updated;
            Addresses = addresses;
            Metadata = metadata;
            Region = region;
        }

        /// <summary>The server id: a UUID, or an integer on HP Cloud v1.1.</summary>
        public string Id { get; }

        /// <summary>The server UUID (equals <see cref="Id"/> except on integer-id clouds).</summary>
        public string Uuid { get; }

        /// <summary>The display name.</summary>
        public string? Name { get; }

        /// <summary>ACTIVE, BUILD, SHUTOFF, ERROR, ...</summary>
        public string? Status { get; }

        /// <summary>Build or action progress in percent, when the service reports it.</summary>
        public int? Progress { get; }

        /// <summary>The owning tenant (project) id.</summary>
        public string? TenantId { get; }

        /// <summary>The owning user id.</summary>
        public string? UserId { get; }

        /// <summary>The image the server was booted from (null for volume-backed servers).</summary>
        public string? ImageId { get; }

        /// <summary>The flavor id.</summary>
        public string? FlavorId { get; }

        /// <summary>An opaque id of the host, unique per tenant.</summary>
        public string? HostId { get; }

        /// <summary>The public IPv4 address the user set, if any.</summary>
        public string? AccessIPv4 { get; }

        /// <summary>The public IPv6 address the user set, if any.</summary>
        public string? AccessIPv6 { get; }

        /// <summary>When the server was created.</summary>
        public DateTimeOffset? Created { get; }

        /// <summary>When the server last changed.</summary>
        public DateTimeOffset? Updated { get; }

        /// <summary>Network name -> IP addresses.</summary>
        public IReadOnlyDictionary<string, string[]> Addresses { get; }

        /// <summary>The server's metadata.</summary>
        public IReadOnlyDictionary<string, string> Metadata { get; }

        /// <summary>The region of the connection the server was read through.</summary>
        public string? Region { get; }

        /// <summary>The id, so that a server passed where an id is expected still works.</summary>
        public override string ToString() => Id;
    }
}
