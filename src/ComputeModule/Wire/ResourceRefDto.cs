using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComputeModule.Wire
{
    /// <summary>A reference to another resource: <c>{"id": "...", "links": [...]}</c>.</summary>
    [JsonConverter(typeof(ResourceRefConverter))]
    internal sealed class ResourceRefDto
    {
        public string? Id { get; set; }
    }

    /// <summary>
    /// Reads a resource reference that may be an object, a bare id (number or string), or "" — Nova sends
    /// <c>"image": ""</c> for servers booted from a volume. Only the id is kept: the reference's links are skipped
    /// unread (a listing has two references per server, and nothing uses their links).
    /// </summary>
    internal sealed class ResourceRefConverter : JsonConverter<ResourceRefDto?>
    {
        public override bool HandleNull => true;

        public override ResourceRefDto? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.String:
                case JsonTokenType.Number:
                    string? id = LenientJson.ReadScalar(ref reader);
                    return string.IsNullOrEmpty(id) ? null : new ResourceRefDto { Id = id };
                case JsonTokenType.StartObject:
                    var result = new ResourceRefDto();
                    while (reader.Read())
                    {
                        if (reader.TokenType == JsonTokenType.EndObject) return result;
                        string? name = reader.GetString();
                        reader.Read();
                        if (name == "id") result.Id = LenientJson.ReadScalar(ref reader);
                        else LenientJson.Skip(ref reader);
                    }
                    throw new JsonException("Unterminated resource reference.");
                default:
                    LenientJson.Skip(ref reader);
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, ResourceRefDto? value, JsonSerializerOptions options)
        {
            if (value == null)
            {
                writer.WriteNullValue();
                return;
            }
            writer.WriteStartObject();
            if (value.Id != null) writer.WriteString("id", value.Id);
            writer.WriteEndObject();
        }
    }

    /// <summary>One entry of a <c>links</c> or <c>*_links</c> array.</summary>
    internal sealed class LinkDto
    {
        [JsonPropertyName("rel")]
        public string? Rel { get; set; }

        [JsonPropertyName("href")]
        public string? Href { get; set; }

        [JsonPropertyName("type")]
        public string? Type { get; set; }
    }
}
