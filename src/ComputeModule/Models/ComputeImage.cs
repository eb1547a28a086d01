using System;
using System.Collections.Generic;

namespace ComputeModule.Models
{
    /// <summary>An image (base image or server snapshot) as Get-ComputeImage and New-ComputeImage return it.</summary>
    public sealed class ComputeImage
    {
        internal ComputeImage(string id, string? name, string? status, int? progress, int? minDisk, int? minRam,
            DateTimeOffset? created, DateTimeOffset? updated, string? serverId, string type,
            IReadOnlyDictionary<string, string> metadata, string? region)
        {
            Id = id;
            Name = name;
            Status = status;
            Progress = progress;
            MinDisk = minDisk;
            MinRam = minRam;
            Created = created;
            Updated = updated;
            ServerId = serverId;
            Type = type;
            Metadata = metadata;
            Region = region;
        }

        /// <summary>The image id.</summary>
        public string Id { get; }

        /// <summary>The image name.</summary>
        public string? Name { get; }

        /// <summary>ACTIVE, SAVING, QUEUED, ERROR, DELETED, UNKNOWN.</summary>
        public string? Status { get; }

        /// <summary>Snapshot progress in percent.</summary>
        public int? Progress { get; }

        /// <summary>Minimum disk in GB to boot from the image.</summary>
        public int? MinDisk { get; }

        /// <summary>Minimum RAM in MB to boot from the image.</summary>
        public int? MinRam { get; }

        /// <summary>When the image was created.</summary>
        public DateTimeOffset? Created { get; }

        /// <summary>When the image last changed.</summary>
        public DateTimeOffset? Updated { get; }

        /// <summary>The server a snapshot was taken from; null for base images.</summary>
        public string? ServerId { get; }

        /// <summary>"Snapshot" when the metadata says <c>image_type = snapshot</c>, else "Base".</summary>
        public string Type { get; }

        /// <summary>The image metadata.</summary>
        public IReadOnlyDictionary<string, string> Metadata { get; }

        /// <summary>The region of the connection the image was read through.</summary>
        public string? Region { get; }

        /// <summary>The id, so that an image passed where an id is expected still works.</summary>
        public override string ToString() => Id;
    }
}
