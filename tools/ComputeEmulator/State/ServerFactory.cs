using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace ComputeEmulator.State;

/// <summary>Builds new server records (for create and for seeding).</summary>
internal static class ServerFactory
{
    public static ServerRecord Build(
        RegionState region, string name, string imageId, string flavorId, DateTimeOffset created, TimeSpan buildDelay,
        IReadOnlyDictionary<string, string>? metadata = null, string? keyName = null, IReadOnlyList<string>? securityGroups = null,
        Random? random = null, bool configDrive = false, string accessIPv4 = "", string accessIPv6 = "")
    {
        var (id, intId, uuid) = region.Ids.Server(random);
        // Seeding twice with the same seed would repeat ids: draw again until unused.
        while (region.Servers.GetIncludingDeleted(id) is not null || region.Servers.GetIncludingDeleted(uuid) is not null)
        {
            (id, intId, uuid) = region.Ids.Server(random);
        }
        long n = region.NextInstanceNumber();
        var hostId = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(region.Name + "/host-" + (n % 8)))).ToLowerInvariant()[..56];
        return new ServerRecord
        {
            Id = id,
            IntId = intId,
            Uuid = uuid,
            Name = name,
            ImageId = imageId,
            FlavorId = flavorId,
            KeyName = keyName,
            Metadata = metadata ?? new Dictionary<string, string>(),
            SecurityGroups = securityGroups ?? ["default"],
            FixedIp = region.FixedIpFor(n),
            HostId = hostId,
            InstanceName = "instance-" + n.ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
            ConfigDrive = configDrive,
            AccessIPv4 = accessIPv4,
            AccessIPv6 = accessIPv6,
            Created = created,
            Updated = created,
            BusyStatus = buildDelay > TimeSpan.Zero ? "BUILD" : null,
            BusyStart = created,
            BusyUntil = created + buildDelay,
        };
    }
}
