using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComputeModule.Wire
{
    /// <summary>An image as the compute API's image proxy (<c>images/detail</c>, <c>images/{id}</c>) describes it.</summary>
    internal sealed class ImageDto : ResourceDto
    {
        [JsonPropertyName("minDisk"), JsonConverter(typeof(LenientInt32Converter))]
        public int? MinDisk { get; set; }

        [JsonPropertyName("minRam"), JsonConverter(typeof(LenientInt32Converter))]
        public int? MinRam { get; set; }

        /// <summary>The server a snapshot was taken from (absent on base images).</summary>
        [JsonPropertyName("server")]
        public ResourceRefDto? Server { get; set; }
    }

    /// <summary><c>{"images": [...], "images_links": [...]}</c>.</summary>
    internal sealed class ImageListDto
    {
        [JsonPropertyName("images")]
        public ImageDto[]? Images { get; set; }

        [JsonPropertyName("images_links")]
        public LinkDto[]? Links { get; set; }
    }

    /// <summary><c>{"image": {...}}</c>.</summary>
    internal sealed class ImageEnvelopeDto
    {
        [JsonPropertyName("image")]
        public ImageDto? Image { get; set; }
    }

    /// <summary><c>{"metadata": {...}}</c>: the whole metadata of an image (GET, POST, PUT).</summary>
    internal sealed class MetadataEnvelopeDto
    {
        [JsonPropertyName("metadata"), JsonConverter(typeof(LenientStringMapConverter))]
        public Dictionary<string, string?>? Metadata { get; set; }
    }

    /// <summary><c>{"meta": {"key": "value"}}</c>: one metadata item.</summary>
    internal sealed class MetaEnvelopeDto
    {
        [JsonPropertyName("meta"), JsonConverter(typeof(LenientStringMapConverter))]
        public Dictionary<string, string?>? Meta { get; set; }
    }

    /// <summary><c>{"image_schedule": {"retention": 7, "day_of_week": "SUNDAY"}}</c> (Rackspace scheduled images).</summary>
    internal sealed class ImageScheduleEnvelopeDto
    {
        [JsonPropertyName("image_schedule")]
        public ImageScheduleDto? ImageSchedule { get; set; }
    }

    /// <summary>The schedule itself; no <c>day_of_week</c> means daily.</summary>
    internal sealed class ImageScheduleDto
    {
        [JsonPropertyName("retention"), JsonConverter(typeof(LenientInt32Converter))]
        public int? Retention { get; set; }

        [JsonPropertyName("day_of_week"), JsonConverter(typeof(LenientStringConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? DayOfWeek { get; set; }
    }

    /// <summary><c>{"limits": {"absolute": {...}, "rate": [...]}}</c>; only the absolute limits are read.</summary>
    internal sealed class LimitsEnvelopeDto
    {
        [JsonPropertyName("limits")]
        public LimitsDto? Limits { get; set; }
    }

    /// <summary>The limits object.</summary>
    internal sealed class LimitsDto
    {
        [JsonPropertyName("absolute")]
        public Dictionary<string, JsonElement>? Absolute { get; set; }
    }
}
