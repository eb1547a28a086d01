using System;
using System.Collections.Generic;

namespace ComputeEmulator;

/// <summary>How the emulator names servers and images.</summary>
public enum IdStyle
{
    /// <summary>UUID ids, as Nova v2/v2.1 and Rackspace.</summary>
    Uuid,
    /// <summary>HP Cloud v1.1: integer <c>id</c> plus a <c>uuid</c> field.</summary>
    Integer,
}

/// <summary>Which answer a rate-limited request gets.</summary>
public enum RateLimitStyle
{
    /// <summary>Legacy Nova: 413 <c>overLimit</c> with Retry-After.</summary>
    Legacy413,
    /// <summary>Modern: 429 with Retry-After.</summary>
    Modern429,
}

/// <summary>Which answer a metadata change beyond the item limit gets.</summary>
public enum MetadataLimitStyle
{
    /// <summary>The HP/Rackspace references: 413 <c>overLimit</c>.</summary>
    OverLimit413,
    /// <summary>Real Nova: 403 <c>forbidden</c> ("Image metadata limit exceeded" for images).</summary>
    Forbidden403,
}

/// <summary>Settings of one emulator instance; every property is also a <c>--kebab-case</c> command-line option.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The one user name that authenticates.</summary>
    public string UserName { get; set; } = "demo";

    /// <summary>That user's password (passwordCredentials, v3 password method).</summary>
    public string Password { get; set; } = "demo-password";

    /// <summary>That user's Rackspace API key (RAX-KSKEY:apiKeyCredentials).</summary>
    public string ApiKey { get; set; } = "demo-api-key";

    /// <summary>The tenant (project) name.</summary>
    public string TenantName { get; set; } = "demo";

    /// <summary>The tenant (project) id, the <c>{tenant_id}</c> of every compute URL.</summary>
    public string TenantId { get; set; } = "1234";

    /// <summary>Region names; each region has its own data. The first is served without a prefix.</summary>
    public string[] Regions { get; set; } = ["RegionOne", "RegionTwo"];

    /// <summary>How long an issued token stays valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a new server stays in BUILD (also reboot/rebuild time).</summary>
    public TimeSpan BuildDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a snapshot stays SAVING before it is ACTIVE.</summary>
    public TimeSpan SnapshotDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Largest page a list call returns (and the default page size).</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Most metadata items an image may carry, Nova's own snapshot keys included (more: see MetadataLimitStyle).</summary>
    public int MaxImageMeta { get; set; } = 128;

    /// <summary>Most metadata items a server may carry (more: see MetadataLimitStyle).</summary>
    public int MaxServerMeta { get; set; } = 128;

    /// <summary>What exceeding MaxImageMeta/MaxServerMeta gets: 413 overLimit (references) or 403 forbidden (Nova).</summary>
    public MetadataLimitStyle MetadataLimitStyle { get; set; } = MetadataLimitStyle.OverLimit413;

    /// <summary>Offers the Rackspace scheduled-images extension (rax-si-image-schedule); false: the route is absent, as on Nova.</summary>
    public bool ScheduledImages { get; set; } = true;

    /// <summary>Requests per minute per HTTP verb on compute routes, e.g. GET=100; empty: off.</summary>
    public Dictionary<string, int> RateLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What a rate-limited request gets.</summary>
    public RateLimitStyle RateLimitStyle { get; set; } = RateLimitStyle.Legacy413;

    /// <summary>Id style of servers, images and other resources.</summary>
    public IdStyle IdStyle { get; set; } = IdStyle.Uuid;

    /// <summary>Servers seeded into the first region at start and on reset.</summary>
    public int SeedServers { get; set; }

    /// <summary>Snapshot images seeded into the first region at start and on reset.</summary>
    public int SeedImages { get; set; }

    /// <summary>Random seed for the start-up seeding.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Largest request body accepted, in bytes (more: 413 overLimit).</summary>
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most entries the request log keeps (oldest dropped first).</summary>
    public int RequestLogCapacity { get; set; } = 100_000;

    /// <summary>Turns ASP.NET Core console logging on (off by default: it slows benchmarks).</summary>
    public bool Logging { get; set; }

    internal EmulatorOptions Clone()
    {
        var copy = (EmulatorOptions)MemberwiseClone();
        copy.Regions = (string[])Regions.Clone();
        copy.RateLimits = new Dictionary<string, int>(RateLimits, StringComparer.OrdinalIgnoreCase);
        return copy;
    }
}
