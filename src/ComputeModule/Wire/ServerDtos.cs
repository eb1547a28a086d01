using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComputeModule.Wire
{
    /// <summary>A server as <c>servers/detail</c> and <c>servers/{id}</c> describe it.</summary>
    internal sealed class ServerDto : ResourceDto
    {
        /// <summary>Only on HP Cloud v1.1, where <see cref="ResourceDto.Id"/> is the integer id.</summary>
        [JsonPropertyName("uuid"), JsonConverter(typeof(LenientStringConverter))]
        public string? Uuid { get; set; }

        [JsonPropertyName("tenant_id"), JsonConverter(typeof(LenientStringConverter))]
        public string? TenantId { get; set; }

        [JsonPropertyName("user_id"), JsonConverter(typeof(LenientStringConverter))]
        public string? UserId { get; set; }

        [JsonPropertyName("image")]
        public ResourceRefDto? Image { get; set; }

        [JsonPropertyName("flavor")]
        public ResourceRefDto? Flavor { get; set; }

        [JsonPropertyName("hostId"), JsonConverter(typeof(LenientStringConverter))]
        public string? HostId { get; set; }

        [JsonPropertyName("accessIPv4"), JsonConverter(typeof(LenientStringConverter))]
        public string? AccessIPv4 { get; set; }

        [JsonPropertyName("accessIPv6"), JsonConverter(typeof(LenientStringConverter))]
        public string? AccessIPv6 { get; set; }

        /// <summary>Network name -> addresses; the converter accepts the entry shapes of the different clouds.</summary>
        [JsonPropertyName("addresses"), JsonConverter(typeof(AddressesConverter))]
        public Dictionary<string, string[]>? Addresses { get; set; }
    }

    /// <summary><c>{"servers": [...], "servers_links": [...]}</c>.</summary>
    internal sealed class ServerListDto
    {
        [JsonPropertyName("servers")]
        public ServerDto[]? Servers { get; set; }

        [JsonPropertyName("servers_links")]
        public LinkDto[]? Links { get; set; }
    }

    /// <summary><c>{"server": {...}}</c>.</summary>
    internal sealed class ServerEnvelopeDto
    {
        [JsonPropertyName("server")]
        public ServerDto? Server { get; set; }
    }

    /// <summary>The <c>createImage</c> server action: <c>{"createImage": {"name": ..., "metadata": {...}}}</c>.</summary>
    internal sealed class CreateImageActionDto
    {
        [JsonPropertyName("createImage")]
        public CreateImageDto? CreateImage { get; set; }
    }

    /// <summary>The body of the <c>createImage</c> action.</summary>
    internal sealed class CreateImageDto
    {
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("metadata"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public Dictionary<string, string>? Metadata { get; set; }
    }

    /// <summary>The answer to createImage from microversion 2.45 on: <c>{"image_id": "..."}</c> (2.1 answers no body).</summary>
    internal sealed class CreateImageResultDto
    {
        [JsonPropertyName("image_id"), JsonConverter(typeof(LenientStringConverter))]
        public string? ImageId { get; set; }
    }
}
