using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Errors;
using ComputeModule.Http;
using ComputeModule.Models;
using ComputeModule.Wire;

namespace ComputeModule.Clients
{
    /// <summary>Servers: <c>servers/detail</c>, <c>servers/{id}</c> and the <c>createImage</c> action.</summary>
    internal sealed class ServersClient
    {
        private readonly ApiSender _send;
        private readonly string? _region;

        public ServersClient(ApiSender send, string? region)
        {
            _send = send ?? throw new ArgumentNullException(nameof(send));
            _region = region;
        }

        internal static string ServerPath(string id) => "servers/" + QueryString.Segment(id);

        internal static string ActionPath(string id) => ServerPath(id) + "/action";

        /// <summary>One page of <c>servers/detail</c>.</summary>
        public async Task<Page<ComputeServer>> ListAsync(ServerListQuery query, string? marker, int page, CancellationToken ct)
        {
            var response = await _send(query.ToRequest(marker, page), ct).ConfigureAwait(false);
            return ToPage(response.Read<ServerListDto>(), _region);
        }

        /// <summary>Maps a listing body to a page.</summary>
        internal static Page<ComputeServer> ToPage(ServerListDto body, string? region)
            => WireMapper.ToPage(body.Servers, body.Links, s => WireMapper.ToServer(s, region));

        /// <summary>One server; throws ComputeNotFoundException when it does not exist.</summary>
        public async Task<ComputeServer> GetAsync(string id, CancellationToken ct)
        {
            var response = await _send(new ApiRequest(HttpMethod.Get, ServerPath(id)), ct).ConfigureAwait(false);
            var dto = response.Read<ServerEnvelopeDto>().Server
                ?? throw response.Unexpected($"The answer to GET {ServerPath(id)} has no server.");
            return WireMapper.ToServer(dto, _region);
        }

        /// <summary>
        /// Starts a snapshot of the server and returns the new image's id. Nova answers 202 with a Location that
        /// points at the image service (<c>http://glance:9292/images/{id}</c>) and no body at 2.1; 2.45+ answers
        /// <c>{"image_id": ...}</c>. Either way only the id is used.
        /// </summary>
        public async Task<string> CreateImageAsync(string serverId, string name, IDictionary<string, string>? metadata, CancellationToken ct)
        {
            var body = new CreateImageActionDto
            {
                CreateImage = new CreateImageDto
                {
                    Name = name,
                    Metadata = metadata == null || metadata.Count == 0 ? null : new Dictionary<string, string>(metadata, StringComparer.Ordinal),
                },
            };
            var response = await _send(new ApiRequest(HttpMethod.Post, ActionPath(serverId)) { Body = body, Idempotent = false }, ct).ConfigureAwait(false);
            string? id = WireMapper.ImageIdFromLocation(response.Location);
            if (id == null && !response.IsEmpty)
            {
                try
                {
                    id = response.Read<CreateImageResultDto>().ImageId;
                }
                catch (ComputeApiException)
                {
                    id = null;
                }
            }
            return id ?? throw response.Unexpected(
                $"The service accepted createImage for server {serverId} but named no image (no Location header, no image_id).");
        }
    }
}
