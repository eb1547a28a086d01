using System;
using System.Collections.Generic;

namespace ComputeEmulator.State;

/// <summary>An immutable server; a change stores a new copy (so readers serialise without locks).</summary>
internal sealed record ServerRecord : IStoredItem
{
    public required string Id { get; init; }
    public string? AltId => IntId is null ? null : Uuid;
    public long? IntId { get; init; }
    public required string Uuid { get; init; }
    public required string Name { get; init; }
    public required string ImageId { get; init; }
    public required string FlavorId { get; init; }
    public string? KeyName { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> SecurityGroups { get; init; } = ["default"];
    public required string FixedIp { get; init; }
    public IReadOnlyList<string> FloatingIps { get; init; } = [];
    public string AccessIPv4 { get; init; } = "";
    public string AccessIPv6 { get; init; } = "";
    public required string HostId { get; init; }
    public required string InstanceName { get; init; }
    public bool ConfigDrive { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset Updated { get; init; }
    public bool Deleted { get; init; }

    /// <summary>A transient status (BUILD, REBOOT, HARD_REBOOT, REBUILD) shown until <see cref="BusyUntil"/>.</summary>
    public string? BusyStatus { get; init; }
    public DateTimeOffset BusyStart { get; init; }
    public DateTimeOffset BusyUntil { get; init; }

    public bool IsBusy(DateTimeOffset now) => BusyStatus is not null && now < BusyUntil;

    public string Status(DateTimeOffset now) => Deleted ? "DELETED" : IsBusy(now) ? BusyStatus! : "ACTIVE";

    /// <summary>Last change, counting a finished transition as a change.</summary>
    public DateTimeOffset EffectiveUpdated(DateTimeOffset now) =>
        BusyStatus is not null && now >= BusyUntil && BusyUntil > Updated ? BusyUntil : Updated;

    public int Progress(DateTimeOffset now)
    {
        if (!IsBusy(now)) return 0; // Nova: 0 for a settled server (the drivers never report 100)
        double total = (BusyUntil - BusyStart).TotalMilliseconds;
        return total <= 0 ? 100 : (int)Math.Clamp((now - BusyStart).TotalMilliseconds * 100 / total, 0, 99);
    }

    public DateTimeOffset LaunchedAt => BusyStatus == "BUILD" ? BusyUntil : Created;

    // Formatted once per record (records are immutable), so big pages do not re-format them.
    private string? _createdText, _launchedAtText, _mac;

    public string CreatedText => _createdText ??= Http.JsonOut.Time(Created);

    public string LaunchedAtText => _launchedAtText ??= UsageTimeText(LaunchedAt);

    /// <summary>The OS-SRV-USG form: microseconds and no zone (2026-11-23T03:20:13.000000).</summary>
    public string UsageTimeText(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);

    public string MacAddress => _mac ??= "fa:16:3e:" + Uuid[..2] + ":" + Uuid[2..4] + ":" + Uuid[4..6];

    /// <summary>
    /// Serialised detail JSON of a settled server, shared by copies made with "with": an entry only counts
    /// for the record that made it (<see cref="DetailCacheEntry.Owner"/>), so a changed copy re-serialises.
    /// </summary>
    public DetailCacheBox DetailCache { get; init; } = new();
}

internal sealed record DetailCacheEntry(ServerRecord Owner, string Key, byte[] Json);

internal sealed class DetailCacheBox
{
    private volatile DetailCacheEntry? _entry;

    public byte[]? Get(ServerRecord owner, string key)
    {
        var e = _entry;
        return e is not null && ReferenceEquals(e.Owner, owner) && e.Key == key ? e.Json : null;
    }

    public void Set(ServerRecord owner, string key, byte[] json) => _entry = new DetailCacheEntry(owner, key, json);
}
