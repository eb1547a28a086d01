using System;
using System.Collections.Generic;
using System.Globalization;

namespace ComputeEmulator.State;

/// <summary>Deterministic bulk data: the same seed gives the same ids, names, flavors, images and metadata.</summary>
internal static class Seeder
{
    public static (int Servers, int Images) Seed(RegionState region, int servers, int images, int seed, DateTimeOffset now)
    {
        var random = new Random(seed);
        var baseImages = region.Images.All(i => !i.IsSnapshot && !i.Deleted);
        // Creation times rise with list order (newest first = latest created): 10 µs apart, after whatever is
        // already in the region and, for a fresh region, ending about a second before now.
        var serverStart = Start(region.Servers.Last()?.Created, now, servers);
        var imageStart = Start(region.Images.Last()?.Created, now, images);
        var created = new List<ServerRecord>(servers);
        for (int i = 0; i < servers; i++)
        {
            var image = baseImages[random.Next(baseImages.Count)];
            var flavor = Flavors.All[random.Next(Flavors.All.Count)];
            var name = "seed-" + seed.ToString(CultureInfo.InvariantCulture) + "-" + i.ToString("D6", CultureInfo.InvariantCulture);
            var metadata = new Dictionary<string, string> { ["seed"] = seed.ToString(CultureInfo.InvariantCulture), ["tier"] = Tiers[random.Next(Tiers.Length)] };
            var server = ServerFactory.Build(region, name, image.Id, flavor.Id, serverStart.AddTicks(i * 100L), TimeSpan.Zero, metadata, random: random);
            region.Servers.Add(server);
            created.Add(server);
        }
        for (int i = 0; i < images; i++)
        {
            var t = imageStart.AddTicks(i * 100L);
            string? serverId = created.Count > 0 ? created[random.Next(created.Count)].Id : null;
            var metadata = new Dictionary<string, string>
            {
                ["image_type"] = "snapshot",
                ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            };
            if (serverId is not null)
            {
                var server = region.Servers.Get(serverId)!;
                foreach (var kv in Snapshots.NovaProperties(region.Options, EmulatorState.UserIdFor(region.Options.UserName), server)) metadata[kv.Key] = kv.Value;
            }
            string imageId = region.Ids.Image(random);
            while (region.Images.GetIncludingDeleted(imageId) is not null) imageId = region.Ids.Image(random);
            var image = new ImageRecord
            {
                Id = imageId,
                Name = "seed-" + seed.ToString(CultureInfo.InvariantCulture) + "-snap-" + i.ToString("D6", CultureInfo.InvariantCulture),
                IsSnapshot = true,
                ServerId = serverId,
                Metadata = metadata,
                MinDisk = 30,
                Size = 1_073_741_824L + i,
                Created = t,
                Updated = t,
                SavedAt = t,
            };
            region.Images.Add(image);
            if (serverId is not null)
            {
                lock (region.Gate) region.TrackSnapshot(serverId, image.Id);
            }
        }
        return (servers, images);
    }

    private static DateTimeOffset Start(DateTimeOffset? newestExisting, DateTimeOffset now, int count)
    {
        var start = now.AddSeconds(-1).AddTicks(-count * 100L);
        return newestExisting is { } last && last >= start ? last.AddTicks(1) : start;
    }

    private static readonly string[] Tiers = ["web", "app", "db", "cache", "batch"];
}
