using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Text.Json;
using ComputeModule.Http;
using ComputeModule.Models;
using ComputeModule.Wire;

namespace ComputeModule.Clients
{
    /// <summary>The values of <see cref="ComputeImage.Type"/>.</summary>
    internal static class ImageTypes
    {
        public const string Base = "Base";
        public const string Snapshot = "Snapshot";
    }

    /// <summary>Wire DTOs -> public models.</summary>
    internal static class WireMapper
    {
        private static readonly IReadOnlyDictionary<string, string> EmptyMetadata =
            new ReadOnlyDictionary<string, string>(new Dictionary<string, string>());

        /// <summary>Maps a server; HP v1.1 integer-id servers keep their integer <c>id</c> and carry the UUID in <c>uuid</c>.</summary>
        public static ComputeServer ToServer(ServerDto dto, string? region)
        {
            string id = FirstNonEmpty(dto.Id, dto.Uuid) ?? throw new JsonException("A server without an id.");
            return new ComputeServer(
                id: id,
                uuid: FirstNonEmpty(dto.Uuid, id)!,
                name: dto.Name,
                status: dto.Status,
                progress: dto.Progress,
                tenantId: NullIfEmpty(dto.TenantId),
                userId: NullIfEmpty(dto.UserId),
                imageId: NullIfEmpty(dto.Image?.Id),
                flavorId: NullIfEmpty(dto.Flavor?.Id),
                hostId: NullIfEmpty(dto.HostId),
                accessIPv4: NullIfEmpty(dto.AccessIPv4),
                accessIPv6: NullIfEmpty(dto.AccessIPv6),
                created: dto.Created,
                updated: dto.Updated,
                addresses: ToAddresses(dto.Addresses),
                metadata: ToMetadata(dto.Metadata),
                region: region);
        }

        /// <summary>Maps an image; <c>Type</c> comes from the metadata item <c>image_type</c>.</summary>
        public static ComputeImage ToImage(ImageDto dto, string? region)
        {
            string id = NullIfEmpty(dto.Id) ?? throw new JsonException("An image without an id.");
            var metadata = ToMetadata(dto.Metadata);
            metadata.TryGetValue("image_type", out string? imageType);
            string type = string.Equals(imageType, "snapshot", StringComparison.OrdinalIgnoreCase) ? ImageTypes.Snapshot : ImageTypes.Base;
            // Nova names the source server in "server"; fall back to Glance's instance_uuid property.
            string? serverId = NullIfEmpty(dto.Server?.Id);
            if (serverId == null && metadata.TryGetValue("instance_uuid", out string? instance)) serverId = NullIfEmpty(instance);
            return new ComputeImage(id, dto.Name, dto.Status, dto.Progress, dto.MinDisk, dto.MinRam, dto.Created, dto.Updated,
                serverId, type, metadata, region);
        }

        /// <summary>Maps a schedule; a day the enum does not know is an error of the service, not ours to hide.</summary>
        public static ComputeImageSchedule ToSchedule(string serverId, ImageScheduleDto dto)
        {
            DayOfWeek? day = null;
            if (!string.IsNullOrEmpty(dto.DayOfWeek))
            {
                if (!Enum.TryParse(dto.DayOfWeek, ignoreCase: true, out DayOfWeek parsed) || !Enum.IsDefined(typeof(DayOfWeek), parsed))
                {
                    throw new JsonException($"Unknown day_of_week '{dto.DayOfWeek}' in the image schedule of server {serverId}.");
                }
                day = parsed;
            }
            return new ComputeImageSchedule(serverId, dto.Retention ?? 0, day);
        }

        /// <summary>The wire form of a day: "SUNDAY".</summary>
        public static string ToWireDay(DayOfWeek day) => day.ToString().ToUpperInvariant();

        /// <summary>Metadata entries in key order.</summary>
        public static IReadOnlyList<ComputeImageMetadataEntry> ToEntries(string imageId, Dictionary<string, string?>? metadata)
        {
            if (metadata == null || metadata.Count == 0) return Array.Empty<ComputeImageMetadataEntry>();
            return metadata.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new ComputeImageMetadataEntry(imageId, p.Key, p.Value ?? string.Empty))
                .ToArray();
        }

        /// <summary>Read-only metadata; null values (HP's <c>"owner": null</c>) become "".</summary>
        public static IReadOnlyDictionary<string, string> ToMetadata(Dictionary<string, string?>? metadata)
        {
            if (metadata == null || metadata.Count == 0) return EmptyMetadata;
            var copy = new Dictionary<string, string>(metadata.Count, StringComparer.Ordinal);
            foreach (var pair in metadata) copy[pair.Key] = pair.Value ?? string.Empty;
            return new ReadOnlyDictionary<string, string>(copy);
        }

        /// <summary>Network -> addresses, read-only (<see cref="AddressesConverter"/> has read the entries).</summary>
        public static IReadOnlyDictionary<string, string[]> ToAddresses(Dictionary<string, string[]>? addresses)
            => new ReadOnlyDictionary<string, string[]>(addresses ?? new Dictionary<string, string[]>(StringComparer.Ordinal));

        /// <summary>
        /// A listing body as a page: its items (nulls skipped) mapped by <paramref name="map"/> and kept when
        /// <paramref name="keep"/> says so, and the marker of its rel=next link (taken before any item is dropped).
        /// </summary>
        public static Page<TModel> ToPage<TDto, TModel>(TDto[]? items, LinkDto[]? links, Func<TDto, TModel> map, Func<TModel, bool>? keep = null)
            where TDto : class
        {
            var models = (items ?? Array.Empty<TDto>()).Where(i => i != null).Select(map);
            if (keep != null) models = models.Where(keep);
            return new Page<TModel>(models.ToArray(), NextMarker(links));
        }

        /// <summary>
        /// The marker for the next page from a <c>*_links</c> array, or null on the last page. Only the marker is taken:
        /// the href may name another host or prefix than our endpoint (proxies, Nova's own idea of its URL).
        /// </summary>
        public static string? NextMarker(LinkDto[]? links)
        {
            if (links == null) return null;
            foreach (var link in links)
            {
                if (link != null && string.Equals(link.Rel, "next", StringComparison.OrdinalIgnoreCase)) return Paging.MarkerFromHref(link.Href);
            }
            return null;
        }

        /// <summary>The image id of a createImage answer: the last path segment of the Location (which may point at the image service).</summary>
        public static string? ImageIdFromLocation(Uri? location)
        {
            if (location == null) return null;
            string path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?', '#')[0];
            path = path.TrimEnd('/');
            int slash = path.LastIndexOf('/');
            string segment = slash >= 0 ? path.Substring(slash + 1) : path;
            segment = Uri.UnescapeDataString(segment);
            return segment.Length == 0 ? null : segment;
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

        private static string? FirstNonEmpty(string? a, string? b) => !string.IsNullOrEmpty(a) ? a : NullIfEmpty(b);
    }
}
