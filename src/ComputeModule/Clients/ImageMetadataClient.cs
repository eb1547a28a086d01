using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Errors;
using ComputeModule.Http;
using ComputeModule.Models;
using ComputeModule.Wire;

namespace ComputeModule.Clients
{
    /// <summary>
    /// <c>images/{id}/metadata[/{key}]</c>. These routes exist only up to microversion 2.38, so no microversion is sent.
    /// </summary>
    internal sealed class ImageMetadataClient
    {
        /// <summary>Nova's default <c>maxImageMeta</c>, used when <c>limits</c> does not say.</summary>
        public const int DefaultMaxImageMeta = 128;

        private readonly ApiSender _send;

        public ImageMetadataClient(ApiSender send)
        {
            _send = send ?? throw new ArgumentNullException(nameof(send));
        }

        internal static string MetadataPath(string imageId) => ImagesClient.ImagePath(imageId) + "/metadata";

        internal static string ItemPath(string imageId, string key) => MetadataPath(imageId) + "/" + QueryString.Segment(key);

        /// <summary>All items of an image.</summary>
        public async Task<Dictionary<string, string?>> GetAllAsync(string imageId, CancellationToken ct)
        {
            var response = await _send(new ApiRequest(HttpMethod.Get, MetadataPath(imageId)), ct).ConfigureAwait(false);
            return response.Read<MetadataEnvelopeDto>().Metadata ?? new Dictionary<string, string?>();
        }

        /// <summary>One item; throws ComputeNotFoundException when the image or the key does not exist.</summary>
        public async Task<ComputeImageMetadataEntry> GetItemAsync(string imageId, string key, CancellationToken ct)
        {
            var response = await _send(new ApiRequest(HttpMethod.Get, ItemPath(imageId, key)), ct).ConfigureAwait(false);
            var meta = response.Read<MetaEnvelopeDto>().Meta;
            if (meta != null && meta.TryGetValue(key, out string? value)) return new ComputeImageMetadataEntry(imageId, key, value ?? string.Empty);
            // Some clouds echo the key in another case; take the one item there is.
            if (meta != null && meta.Count == 1)
            {
                foreach (var pair in meta) return new ComputeImageMetadataEntry(imageId, pair.Key, pair.Value ?? string.Empty);
            }
            throw response.Unexpected($"The answer to GET {ItemPath(imageId, key)} does not contain the key '{key}'.");
        }

        /// <summary>Adds or updates the given items, keeping the others (POST); returns the resulting set.</summary>
        public Task<Dictionary<string, string?>> MergeAsync(string imageId, IDictionary<string, string> items, CancellationToken ct)
            => WriteAsync(HttpMethod.Post, imageId, items, ct);

        /// <summary>Replaces the whole set (PUT); returns the resulting set.</summary>
        public Task<Dictionary<string, string?>> ReplaceAsync(string imageId, IDictionary<string, string> items, CancellationToken ct)
            => WriteAsync(HttpMethod.Put, imageId, items, ct);

        private async Task<Dictionary<string, string?>> WriteAsync(HttpMethod method, string imageId, IDictionary<string, string> items, CancellationToken ct)
        {
            var body = new MetadataEnvelopeDto { Metadata = new Dictionary<string, string?>(StringComparer.Ordinal) };
            foreach (var pair in items) body.Metadata[pair.Key] = pair.Value;
            // A merge POST is not idempotent in general, but repeating the same merge gives the same result.
            var response = await _send(new ApiRequest(method, MetadataPath(imageId)) { Body = body, Idempotent = true }, ct).ConfigureAwait(false);
            if (response.IsEmpty) return await GetAllAsync(imageId, ct).ConfigureAwait(false);
            return response.Read<MetadataEnvelopeDto>().Metadata ?? new Dictionary<string, string?>();
        }

        /// <summary>Deletes one item.</summary>
        public Task DeleteItemAsync(string imageId, string key, CancellationToken ct)
            => _send(new ApiRequest(HttpMethod.Delete, ItemPath(imageId, key)), ct);

        /// <summary>
        /// <c>maxImageMeta</c> from <c>GET limits</c> (absolute), or <see cref="DefaultMaxImageMeta"/> when the cloud
        /// does not report it or the call fails for a reason other than cancellation.
        /// </summary>
        public async Task<int> GetMaxImageMetaAsync(CancellationToken ct)
        {
            try
            {
                var response = await _send(new ApiRequest(HttpMethod.Get, "limits"), ct).ConfigureAwait(false);
                return MaxImageMetaFrom(response.Read<LimitsEnvelopeDto>()) ?? DefaultMaxImageMeta;
            }
            catch (ComputeApiException)
            {
                return DefaultMaxImageMeta;
            }
        }

        /// <summary>Reads maxImageMeta from a limits body; null when absent or not a positive number (-1 means unlimited).</summary>
        internal static int? MaxImageMetaFrom(LimitsEnvelopeDto body)
        {
            var absolute = body.Limits?.Absolute;
            if (absolute == null || !absolute.TryGetValue("maxImageMeta", out var value)) return null;
            int n;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out n)) return n < 0 ? int.MaxValue : n;
            if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), out n)) return n < 0 ? int.MaxValue : n;
            return null;
        }
    }
}
