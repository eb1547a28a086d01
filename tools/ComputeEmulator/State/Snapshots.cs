using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ComputeEmulator.Http;

namespace ComputeEmulator.State;

/// <summary>createImage and the scheduled-images service: snapshots that save for SnapshotDuration, and retention culling.</summary>
internal static class Snapshots
{
    public const string CreatedByKey = "org.openstack__1__created-by";
    public const string CreatedByValue = "scheduled-images-service";

    /// <summary>Starts a snapshot of a server; 409 while another snapshot of it is still saving (unless <paramref name="scheduled"/>).</summary>
    public static ImageRecord Create(RegionState region, string serverId, string name, IReadOnlyDictionary<string, string> requestMetadata,
        DateTimeOffset now, string userId, bool scheduled = false)
    {
        if (name.Trim().Length == 0 || name.Length > 255) throw ApiException.BadRequest("Invalid image name: 1 to 255 characters required.");
        lock (region.Gate)
        {
            var server = region.Servers.Get(serverId) ?? throw ApiException.NotFound($"Instance {serverId} could not be found.");
            if (server.IsBusy(now))
            {
                throw ApiException.Conflict($"Cannot 'createImage' instance {server.Uuid} while it is in vm_state {ServerStateName(server.Status(now))}");
            }
            if (!scheduled && region.SnapshotsOf(server.Id).Any(i => i.IsSaving(now)))
            {
                throw ApiException.Conflict($"Cannot 'createImage' instance {server.Uuid} while it is in task_state image_uploading");
            }
            // Nova's keys first; the request's metadata is applied over them (as Nova does).
            var metadata = new Dictionary<string, string>(NovaProperties(region.Options, userId, server), StringComparer.Ordinal);
            foreach (var kv in requestMetadata) metadata[kv.Key] = kv.Value;
            if (scheduled) metadata[CreatedByKey] = CreatedByValue;
            // Like Nova (up to 2.38), createImage checks only the request's metadata against the limit; the keys
            // Nova adds count from then on (a later metadata POST/PUT of the image sees the whole set).
            var flavor = Flavors.Find(server.FlavorId);
            var image = new ImageRecord
            {
                Id = region.Ids.Image(),
                Name = name,
                IsSnapshot = true,
                ServerId = server.Id,
                Metadata = metadata,
                MinDisk = flavor?.Disk ?? 0,
                MinRam = 0,
                Size = (flavor?.Disk ?? 10) * 1024L * 1024 * 64,
                Created = now,
                Updated = now,
                SavedAt = now + region.Options.SnapshotDuration,
            };
            region.Images.Add(image);
            region.TrackSnapshot(server.Id, image.Id);
            return image;
        }
    }

    /// <summary>The properties Nova (Zed) gives every snapshot it makes.</summary>
    public static IEnumerable<KeyValuePair<string, string>> NovaProperties(EmulatorOptions options, string userId, ServerRecord server) =>
    [
        new("image_type", "snapshot"),
        new("instance_uuid", server.Uuid),
        new("base_image_ref", server.ImageId),
        new("user_id", userId),
        new("owner_user_name", options.UserName),
        new("owner_project_name", options.TenantName),
        new("boot_roles", "member,reader"),
    ];

    private static string ServerStateName(string status) => status == "BUILD" ? "building" : "active (task " + status.ToLowerInvariant() + ")";

    /// <summary>Runs every enabled schedule once: one snapshot per server, then culls the oldest scheduled images beyond retention.</summary>
    public static (List<string> Created, List<string> Deleted) RunSchedules(RegionState region, DateTimeOffset now, string userId)
    {
        var created = new List<string>();
        var deleted = new List<string>();
        if (!region.Options.ScheduledImages) return (created, deleted); // no scheduled-images service
        foreach (var schedule in region.Schedules.All())
        {
            var server = region.Servers.Get(schedule.ServerId);
            if (server is null || server.IsBusy(now)) continue;
            string prefix = schedule.DayOfWeek is null ? "daily-" : "weekly-";
            string stamp = now.ToUnixTimeSeconds().ToString("D10", CultureInfo.InvariantCulture);
            string serverName = server.Name;
            int room = 255 - prefix.Length - 1 - stamp.Length;
            if (serverName.Length > room) serverName = serverName[..room];
            var image = Create(region, server.Id, prefix + serverName + "-" + stamp, new Dictionary<string, string>(), now, userId, scheduled: true);
            created.Add(image.Id);
            lock (region.Gate)
            {
                var scheduledImages = region.SnapshotsOf(server.Id)
                    .Where(i => i.Metadata.TryGetValue(CreatedByKey, out var v) && v == CreatedByValue)
                    .ToList(); // oldest first (creation order)
                int excess = scheduledImages.Count - schedule.Retention;
                foreach (var old in scheduledImages.Take(Math.Max(0, excess)))
                {
                    if (region.Images.Update(old.Id, i => i with { Deleted = true, Updated = now }) is not null) deleted.Add(old.Id);
                }
            }
        }
        return (created, deleted);
    }
}
