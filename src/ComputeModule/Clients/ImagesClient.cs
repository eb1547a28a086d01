using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Http;
using ComputeModule.Models;
using ComputeModule.Wire;

namespace ComputeModule.Clients
{
    /// <summary>
    /// Images through the compute API's image proxy. The proxy exists only up to microversion 2.35, so these
    /// requests never name a microversion (Nova then uses 2.1).
    /// </summary>
    internal sealed class ImagesClient
    {
        private readonly ApiSender _send;
        private readonly string? _region;

        public ImagesClient(ApiSender send, string? region)
        {
            _send = send ?? throw new ArgumentNullException(nameof(send));
            _region = region;
        }

        internal static string ImagePath(string id) => "images/" + QueryString.Segment(id);

        /// <summary>One page of <c>images/detail</c>, with the filters the service may ignore applied here.</summary>
        public async Task<Page<ComputeImage>> ListAsync(ImageListQuery query, string? marker, int page, CancellationToken ct)
        {
            var response = await _send(query.ToRequest(marker, page), ct).ConfigureAwait(false);
            return ToPage(response.Read<ImageListDto>(), query, _region);
        }

        /// <summary>Maps a listing body to a page.</summary>
        internal static Page<ComputeImage> ToPage(ImageListDto body, ImageListQuery query, string? region)
            => WireMapper.ToPage(body.Images, body.Links, i => WireMapper.ToImage(i, region), query.Matches);

        /// <summary>One image; throws ComputeNotFoundException when it does not exist.</summary>
        public async Task<ComputeImage> GetAsync(string id, CancellationToken ct)
        {
            var response = await _send(new ApiRequest(HttpMethod.Get, ImagePath(id)), ct).ConfigureAwait(false);
            var dto = response.Read<ImageEnvelopeDto>().Image
                ?? throw response.Unexpected($"The answer to GET {ImagePath(id)} has no image.");
            return WireMapper.ToImage(dto, _region);
        }

        /// <summary>Deletes an image.</summary>
        public Task DeleteAsync(string id, CancellationToken ct)
            => _send(new ApiRequest(HttpMethod.Delete, ImagePath(id)), ct);
    }
}
