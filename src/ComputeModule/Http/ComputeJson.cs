using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComputeModule.Http
{
    /// <summary>The one set of System.Text.Json options for wire bodies (DTOs name their properties with [JsonPropertyName]).</summary>
    internal static class ComputeJson
    {
        /// <summary>Shared, read-only after first use.</summary>
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Old HP-style clouds send some numbers as strings ("progress": "25").
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
    }
}
