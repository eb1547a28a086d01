using System.Collections.Generic;

namespace ComputeEmulator.State;

/// <summary>A flavor of the HP reference's table.</summary>
internal sealed record Flavor(string Id, string Name, int Ram, int Disk, int VCpus);

/// <summary>The six HP Cloud standard flavors (ids 100..105).</summary>
internal static class Flavors
{
    public static readonly IReadOnlyList<Flavor> All =
    [
        new("100", "standard.xsmall", 1024, 30, 1),
        new("101", "standard.small", 2048, 60, 2),
        new("102", "standard.medium", 4096, 120, 2),
        new("103", "standard.large", 8192, 240, 4),
        new("104", "standard.xlarge", 16384, 480, 4),
        new("105", "standard.2xlarge", 32768, 960, 8),
    ];

    public static Flavor? Find(string id)
    {
        foreach (var f in All) if (f.Id == id) return f;
        return null;
    }
}
