using System;
using System.Collections.Generic;

namespace ComputeEmulator.State;

/// <summary>An immutable image (base image or snapshot).</summary>
internal sealed record ImageRecord : IStoredItem
{
    public required string Id { get; init; }
    public string? AltId => null;
    public required string Name { get; init; }
    public bool IsSnapshot { get; init; }
    public string? ServerId { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public int MinDisk { get; init; }
    public int MinRam { get; init; }
    public long Size { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset Updated { get; init; }
    public bool Deleted { get; init; }

    /// <summary>When a snapshot finishes saving (progress runs from <see cref="Created"/> to here).</summary>
    public DateTimeOffset SavedAt { get; init; }

    public bool IsSaving(DateTimeOffset now) => !Deleted && now < SavedAt;

    public string Status(DateTimeOffset now) => Deleted ? "DELETED" : IsSaving(now) ? "SAVING" : "ACTIVE";

    public int Progress(DateTimeOffset now)
    {
        if (!IsSaving(now)) return Deleted ? 0 : 100;
        double total = (SavedAt - Created).TotalMilliseconds;
        return total <= 0 ? 100 : (int)Math.Clamp((now - Created).TotalMilliseconds * 100 / total, 0, 99);
    }

    public DateTimeOffset EffectiveUpdated(DateTimeOffset now) => now >= SavedAt && SavedAt > Updated ? SavedAt : Updated;

    public string Type => IsSnapshot ? "SNAPSHOT" : "BASE";
}
