using System;
using System.Collections.Generic;
using System.Linq;

namespace ComputeEmulator.State;

/// <summary>All data of one region: servers, images, keypairs, floating IPs, security groups, image schedules.</summary>
internal sealed class RegionState
{
    public RegionState(string name, int index, EmulatorOptions options, DateTimeOffset now)
    {
        Name = name;
        Index = index;
        Options = options;
        Ids = new IdFactory(options.IdStyle);
        FloatingIps = new FloatingIpStore(Ids, index);
        SecurityGroups = new SecurityGroupStore(Ids);
        foreach (var image in BaseImages.Create(options.IdStyle, now.AddDays(-30))) Images.Add(image);
    }

    public string Name { get; }

    /// <summary>0 for the first region (served without prefix).</summary>
    public int Index { get; }

    /// <summary>The emulator's live options (shared by all regions).</summary>
    public EmulatorOptions Options { get; }

    public IdFactory Ids { get; }
    public OrderedStore<ServerRecord> Servers { get; } = new();
    public OrderedStore<ImageRecord> Images { get; } = new();
    public KeypairStore Keypairs { get; } = new();
    public FloatingIpStore FloatingIps { get; }
    public SecurityGroupStore SecurityGroups { get; }
    public ScheduleStore Schedules { get; } = new();

    /// <summary>Serialises compound changes (check-then-act across stores), e.g. createImage's 409 check.</summary>
    public object Gate { get; } = new();

    private readonly Dictionary<string, List<string>> _snapshotsByServer = new(StringComparer.Ordinal);
    private long _instanceCounter;

    public long NextInstanceNumber() => System.Threading.Interlocked.Increment(ref _instanceCounter);

    /// <summary>Records that <paramref name="imageId"/> is a snapshot of <paramref name="serverId"/>; call under <see cref="Gate"/>.</summary>
    public void TrackSnapshot(string serverId, string imageId)
    {
        if (!_snapshotsByServer.TryGetValue(serverId, out var list)) _snapshotsByServer[serverId] = list = new List<string>();
        list.Add(imageId);
    }

    /// <summary>Live snapshots of a server, oldest first; call under <see cref="Gate"/>.</summary>
    public List<ImageRecord> SnapshotsOf(string serverId)
    {
        if (!_snapshotsByServer.TryGetValue(serverId, out var list)) return new List<ImageRecord>();
        return list.Select(id => Images.Get(id)).Where(i => i is not null).Select(i => i!).ToList();
    }

    /// <summary>Fixed address 10.{region}.x.y for the n-th server.</summary>
    public string FixedIpFor(long n) => $"10.{Index}.{(n / 250) % 250}.{n % 250 + 2}";
}
