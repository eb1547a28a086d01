using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace ComputeEmulator.State;

/// <summary>Public base images from the HP reference's image list; ids are stable across restarts.</summary>
internal static class BaseImages
{
    public static readonly IReadOnlyList<(int HpId, string Name, string Arch, string BuildDate)> Catalog =
    [
        (1236, "Ubuntu Lucid 10.04 LTS Server 64-bit 20111212", "x86_64", "20111212"),
        (1358, "CentOS 6.2 Server 64-bit 20120125", "x86_64", "20120125"),
        (1361, "Debian Squeeze 6.0.3 Server 64-bit 20120123", "x86_64", "20120123"),
        (5579, "Ubuntu Oneiric 11.10 Server 64-bit 20120311", "x86_64", "20120311"),
        (8419, "Ubuntu Precise 12.04 LTS Server 64-bit 20120424", "amd64", "20120424"),
        (16291, "Fedora 16 Server 64-bit 20120518", "x86_64", "20120518"),
        (54021, "CentOS 5.8 Server 64-bit 20120828", "x86_64", "20120828"),
    ];

    /// <summary>The id an HP image gets in UUID style: a name-based UUID, the same on every run.</summary>
    public static string StableUuid(string seed)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(seed));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true).ToString();
    }

    public static IEnumerable<ImageRecord> Create(IdStyle style, DateTimeOffset created)
    {
        int i = 0;
        foreach (var (hpId, name, arch, buildDate) in Catalog)
        {
            var t = created.AddMinutes(i++);
            yield return new ImageRecord
            {
                Id = style == IdStyle.Integer ? hpId.ToString(System.Globalization.CultureInfo.InvariantCulture) : StableUuid("hp-image-" + hpId),
                Name = name,
                IsSnapshot = false,
                MinDisk = 0,
                MinRam = 0,
                Size = 2_147_483_648L + hpId,
                Created = t,
                Updated = t,
                SavedAt = t,
                Metadata = new Dictionary<string, string>
                {
                    ["architecture"] = arch,
                    ["hp_image_builddate"] = buildDate,
                    ["hp_image_type"] = "disk",
                    ["image_location"] = "local",
                    ["image_state"] = "available",
                    ["image_type"] = "base",
                    ["os_type"] = "linux",
                },
            };
        }
    }
}
