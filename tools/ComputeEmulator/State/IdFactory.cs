using System;
using System.Threading;

namespace ComputeEmulator.State;

/// <summary>Makes ids in the configured style: UUIDs, or HP's integers (plus a uuid).</summary>
internal sealed class IdFactory
{
    private readonly IdStyle _style;
    private long _nextServer = 200_000;
    private long _nextImage = 60_000;
    private long _nextOther = 10_000;

    public IdFactory(IdStyle style) => _style = style;

    public IdStyle Style => _style;

    public static string NewUuid(Random? random)
    {
        if (random is null) return Guid.NewGuid().ToString();
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    /// <summary>(id, integer id or null, uuid) for a new server.</summary>
    public (string Id, long? IntId, string Uuid) Server(Random? random = null)
    {
        string uuid = NewUuid(random);
        if (_style == IdStyle.Uuid) return (uuid, null, uuid);
        long n = Interlocked.Increment(ref _nextServer);
        return (n.ToString(System.Globalization.CultureInfo.InvariantCulture), n, uuid);
    }

    public string Image(Random? random = null) =>
        _style == IdStyle.Uuid ? NewUuid(random) : Interlocked.Increment(ref _nextImage).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Ids of floating IPs, security groups and rules.</summary>
    public string Other() =>
        _style == IdStyle.Uuid ? NewUuid(null) : Interlocked.Increment(ref _nextOther).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public long Counter() => Interlocked.Increment(ref _nextOther);
}
