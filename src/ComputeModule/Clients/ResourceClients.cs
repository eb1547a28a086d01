using System;
using System.Net.Http;
using System.Text.Json;
using ComputeModule.Errors;
using ComputeModule.Models;

namespace ComputeModule.Clients
{
    /// <summary>The resource clients of one connection, as a cmdlet uses them.</summary>
    internal sealed class ResourceClients
    {
        public ResourceClients(ApiSender send, string? region)
        {
            Servers = new ServersClient(send, region);
            Images = new ImagesClient(send, region);
            ImageMetadata = new ImageMetadataClient(send);
            ImageSchedules = new ImageSchedulesClient(send, Servers);
        }

        public ServersClient Servers { get; }
        public ImagesClient Images { get; }
        public ImageMetadataClient ImageMetadata { get; }
        public ImageSchedulesClient ImageSchedules { get; }

        /// <summary>The clients of a connection; they send through its session.</summary>
        public static ResourceClients For(ComputeConnection connection)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            var session = connection.Session;
            return new ResourceClients(session.SendAsync, connection.Region);
        }

        /// <summary>
        /// Whether a failure belongs to one pipeline item (reported, and the next item still runs) rather than to the
        /// command (no connection, Ctrl+C, a downstream Select-Object -First, bugs).
        /// </summary>
        public static bool IsItemFailure(Exception e)
            => e is ComputeApiException || e is InvalidMetadataException || e is MetadataLimitExceededException
               || e is JsonException || e is TimeoutException || e is HttpRequestException;

        /// <summary>A ShouldProcess target: <c>server 'web01' (3f2a...)</c>, or <c>server '3f2a...'</c> when the name is unknown.</summary>
        public static string ServerTarget(string id, string? name) => Target("server", id, name);

        /// <summary>A ShouldProcess target: <c>image 'nightly' (9a1b...)</c>, or <c>image '9a1b...'</c>.</summary>
        public static string ImageTarget(string id, string? name) => Target("image", id, name);

        private static string Target(string kind, string id, string? name)
            => string.IsNullOrEmpty(name) ? $"{kind} '{id}'" : $"{kind} '{name}' ({id})";
    }
}
