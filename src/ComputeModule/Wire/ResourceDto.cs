using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ComputeModule.Wire
{
    /// <summary>The members servers and images share on the wire: id, name, status, progress, timestamps and metadata.</summary>
    internal abstract class ResourceDto
    {
        /// <summary>A UUID on Nova 2.x; an integer on HP Cloud v1.1.</summary>
        [JsonPropertyName("id"), JsonConverter(typeof(LenientStringConverter))]
        public string? Id { get; set; }

        [JsonPropertyName("name"), JsonConverter(typeof(LenientStringConverter))]
        public string? Name { get; set; }

        [JsonPropertyName("status"), JsonConverter(typeof(LenientStringConverter))]
        public string? Status { get; set; }

        [JsonPropertyName("progress"), JsonConverter(typeof(LenientInt32Converter))]
        public int? Progress { get; set; }

        [JsonPropertyName("created"), JsonConverter(typeof(LenientDateConverter))]
        public DateTimeOffset? Created { get; set; }

        [JsonPropertyName("updated"), JsonConverter(typeof(LenientDateConverter))]
        public DateTimeOffset? Updated { get; set; }

        [JsonPropertyName("metadata"), JsonConverter(typeof(LenientStringMapConverter))]
        public Dictionary<string, string?>? Metadata { get; set; }
    }
}
